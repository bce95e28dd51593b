import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { datasheets, users, type Datasheet } from "@/db/schema";
import { ConflictError } from "@/lib/errors";
import { formatName, type Locale } from "@/lib/users/names";

/**
 * A save made on a version someone else has changed since (SPEC: "the second save of a stale
 * version gets a clear 'changed by X meanwhile' message with the current values"). `params.name`
 * names who changed it last; `current` is what the database holds now, for the caller to show.
 */
export class StaleVersionError<T = unknown> extends ConflictError {
  constructor(
    name: string | null,
    readonly current: T,
  ) {
    super(name ? "changedMeanwhile" : "changedMeanwhileBySomeone", name ? { name } : {});
  }
}

/**
 * The name of who made the latest change (the row's `updated_by_user_id`); null for the system or
 * a user since removed. Read only when a conflict happens.
 */
export async function editorName(tx: Tx, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await tx
    .select({ familyName: users.familyName, givenName: users.givenName, locale: sql<Locale>`coalesce(${users.locale}, 'en')` })
    .from(users)
    .where(eq(users.id, userId));
  // The name as the person reading the message would write it is not known here; the author's
  // own language order is a fair default and the message is about them.
  return row ? formatName(row, row.locale) : null;
}

/** Refuses a change made on an older version than the datasheet's current one. */
export async function assertDatasheetVersion<T>(
  tx: Tx,
  datasheet: Datasheet,
  seenVersion: number,
  current: () => Promise<T>,
): Promise<void> {
  if (datasheet.version === seenVersion) return;
  throw new StaleVersionError(
    await editorName(tx, datasheet.updatedByUserId),
    await current(),
  );
}

/** Every write to a datasheet, its todos, history, contacts or invoices bumps its version. */
export async function touchDatasheet(
  tx: Tx,
  datasheetId: string,
  actorUserId: string | null,
  patch: Partial<Pick<Datasheet, "lastContactAt" | "nextTodoId" | "nextTodoDueAt" | "deletedAt">> = {},
): Promise<number> {
  const [row] = await tx
    .update(datasheets)
    .set({ ...patch, version: sql`${datasheets.version} + 1`, updatedByUserId: actorUserId, updatedAt: new Date() })
    .where(eq(datasheets.id, datasheetId))
    .returning({ version: datasheets.version });
  return row!.version;
}
