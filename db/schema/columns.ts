import { customType } from "drizzle-orm/pg-core";

/**
 * A fractional rank (lib/ranking/rank.ts). Compared byte by byte: base-62 digits sort as ASCII
 * ("0" < "A" < "a"), which a linguistic collation such as en_US (Neon's default) would not do.
 */
export const rank = customType<{ data: string; notNull: true }>({
  dataType: () => 'text COLLATE "C"',
});
