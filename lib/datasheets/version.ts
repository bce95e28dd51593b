import { and, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { datasheets, outboxEvents, users, type Datasheet } from "@/db/schema";
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
 * Who made the latest change to a datasheet or business. Every write records its event in the
 * outbox with the acting user, so the newest event naming the row tells who it was; a system
 * change (or one whose event is gone) has no name. Read only when a conflict happens.
 */
export async function lastEditorName(
  tx: Tx,
  workspaceId: string,
  ref: { datasheetId: string } | { businessId: string },
): Promise<string | null> {
  const [key, value] = "datasheetId" in ref ? ["datasheetId", ref.datasheetId] : ["businessId", ref.businessId];
  const [row] = await tx
    .select({ familyName: users.familyName, givenName: users.givenName, locale: sql<Locale>`coalesce(${users.locale}, 'en')` })
    .from(outboxEvents)
    .innerJoin(users, sql`${users.id}::text = ${outboxEvents.data}->>'actorUserId'`)
    .where(and(eq(outboxEvents.workspaceId, workspaceId), sql`${outboxEvents.data}->>${key} = ${value}`))
    .orderBy(desc(outboxEvents.createdAt))
    .limit(1);
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
    await lastEditorName(tx, datasheet.workspaceId, { datasheetId: datasheet.id }),
    await current(),
  );
}

/** Every write to a datasheet, its todos, history, contacts or invoices bumps its version. */
export async function touchDatasheet(
  tx: Tx,
  datasheetId: string,
  patch: Partial<Pick<Datasheet, "lastContactAt" | "nextTodoId" | "nextTodoDueAt" | "deletedAt">> = {},
): Promise<number> {
  const [row] = await tx
    .update(datasheets)
    .set({ ...patch, version: sql`${datasheets.version} + 1`, updatedAt: new Date() })
    .where(eq(datasheets.id, datasheetId))
    .returning({ version: datasheets.version });
  return row!.version;
}
