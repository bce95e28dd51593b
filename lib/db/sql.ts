import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { isUuid } from "@/lib/ids";

/**
 * A list of ids as one `uuid[]` parameter, however long: drizzle would otherwise spread an array
 * into one parameter per element and meet the driver's 65,535 limit on a big batch.
 * The ids come from the database or from checked input; anything else is a bug, not user input.
 */
export function uuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!isUuid(id)) throw new Error(`Not a uuid: ${JSON.stringify(id)}`);
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

/**
 * Rows as one `jsonb` parameter, for `jsonb_to_recordset(…) as x(col type, …)`: a batch of any
 * size and any mix of types in one statement, with every value quoted by JSON, not by hand.
 */
export function jsonRows(rows: readonly object[]): SQL {
  return sql`${JSON.stringify(rows)}::jsonb`;
}

/** The rows of a raw statement, whatever the driver. */
export async function rowsOf<T>(conn: Conn, query: SQL): Promise<T[]> {
  const result = await conn.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}
