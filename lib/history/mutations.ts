import "server-only";
import type { Conn } from "@/db/client";
import { historyEntries } from "@/db/schema";
import { historyLogged } from "@/inngest/events";
import type { Actor } from "@/lib/auth/permissions";
import { getVisibleDatasheet } from "@/lib/datasheets/access";
import { commitDatasheet } from "@/lib/datasheets/commit";
import { ValidationError } from "@/lib/errors";
import type { LogHistoryInput } from "./schemas";

/** A clock a few minutes ahead of the server's is not "in the future". */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** Logs a call, meeting, note or email on a datasheet; each counts as contact (SPEC §3.1). */
export async function logHistory(conn: Conn, actor: Actor, input: LogHistoryInput, now = new Date()): Promise<{ id: string }> {
  const occurredAt = input.occurredAt ?? now;
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new ValidationError({ occurredAt: "occurredInFuture" });
  return conn.transaction(async (tx) => {
    const datasheet = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
    const [entry] = await tx
      .insert(historyEntries)
      .values({
        workspaceId: actor.workspaceId,
        datasheetId: datasheet.id,
        kind: input.kind,
        body: input.body,
        occurredAt,
        authorUserId: actor.userId,
      })
      .returning({ id: historyEntries.id });
    const event = historyLogged.create({
      workspaceId: actor.workspaceId,
      moduleId: datasheet.moduleId,
      datasheetId: datasheet.id,
      actorUserId: actor.userId,
      historyEntryId: entry!.id,
      kind: input.kind,
      occurredAt: occurredAt.toISOString(),
    });
    await commitDatasheet(tx, actor, { id: datasheet.id, events: [event] }, now);
    return entry!;
  });
}
