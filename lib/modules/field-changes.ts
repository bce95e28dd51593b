import "server-only";
import { asc, inArray, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { datasheets, datasheetValues } from "@/db/schema";
import { datasheetFieldsChanged } from "@/inngest/events";
import type { UserActor } from "@/lib/auth/permissions";
import { commitDatasheets } from "@/lib/datasheets/commit";

/** The datasheets holding the values a settings change is about to rewrite, locked in id order (the order bulk changes lock in). */
export async function holdersOf(tx: Tx, holding: SQL): Promise<string[]> {
  const rows = await tx
    .select({ id: datasheets.id })
    .from(datasheets)
    .where(inArray(datasheets.id, tx.selectDistinct({ id: datasheetValues.datasheetId }).from(datasheetValues).where(holding)))
    .orderBy(asc(datasheets.id))
    .for("update");
  return rows.map((r) => r.id);
}

/**
 * A field's values rewritten by a settings change (an option removed or replaced, the field
 * removed): each datasheet that held one ends at the commit point, with its `datasheet/fields.changed`.
 */
export async function commitFieldChange(tx: Tx, actor: UserActor, change: { moduleId: string; fieldKey: string; datasheetIds: string[] }): Promise<void> {
  if (!change.datasheetIds.length) return;
  const events = change.datasheetIds.map((datasheetId) =>
    datasheetFieldsChanged.create({ workspaceId: actor.workspaceId, moduleId: change.moduleId, datasheetId, actorUserId: actor.userId, fieldKeys: [change.fieldKey] }),
  );
  await commitDatasheets(tx, actor, { ids: change.datasheetIds, events });
}
