import { getDb } from "@/db/client";
import { datasheetDeleted } from "@/inngest/events";
import type { Actor } from "@/lib/auth/permissions";
import { emit } from "@/lib/jobs/outbox";
import { getVisibleDatasheet } from "./access";
import { assertDatasheetVersion, touchDatasheet } from "./version";

/**
 * Moves a datasheet to the trash (`deleted_at`): from then on it is nobody's (access.ts) and can
 * be restored. Refused on a stale version, so nobody trashes a card someone just changed unseen.
 */
export async function trashDatasheet(actor: Actor, input: { datasheetId: string; version: number }, now = new Date()): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const datasheet = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
    await assertDatasheetVersion(tx, datasheet, input.version, async () => ({ version: datasheet.version }));
    await touchDatasheet(tx, datasheet.id, actor.userId, { deletedAt: now });
    await emit(
      tx,
      datasheetDeleted.create({ workspaceId: actor.workspaceId, moduleId: datasheet.moduleId, datasheetId: datasheet.id, actorUserId: actor.userId }),
    );
  });
}
