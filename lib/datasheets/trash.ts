import "server-only";
import type { Conn } from "@/db/client";
import { datasheetDeleted } from "@/inngest/events";
import type { Actor } from "@/lib/auth/permissions";
import { getVisibleDatasheet } from "./access";
import { commitDatasheet } from "./commit";
import type { TrashDatasheetInput } from "./schemas";
import { assertVersion } from "./version";

/**
 * Moves a datasheet to the trash (`deleted_at`): from then on it is nobody's (access.ts) and can
 * be restored. Refused on a stale version, so nobody trashes a card someone just changed unseen.
 */
export async function trashDatasheet(conn: Conn, actor: Actor, input: TrashDatasheetInput, now = new Date()): Promise<void> {
  await conn.transaction(async (tx) => {
    const datasheet = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
    await assertVersion(tx, datasheet, input.version, () => ({ version: datasheet.version }));
    const event = datasheetDeleted.create({ workspaceId: actor.workspaceId, moduleId: datasheet.moduleId, datasheetId: datasheet.id, actorUserId: actor.userId });
    await commitDatasheet(tx, actor, { id: datasheet.id, events: [event], set: { deletedAt: now } }, now);
  });
}
