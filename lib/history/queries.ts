import "server-only";
import { and, eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { historyEntries, type HistoryEntry } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { getVisibleDatasheet } from "@/lib/datasheets/access";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";

/** A history entry the actor may see: on a datasheet of their workspace they may see (else "not found"). */
export async function getHistoryEntry(conn: Conn, actor: Actor, entryId: string): Promise<HistoryEntry> {
  assertId(entryId);
  const [entry] = await conn
    .select()
    .from(historyEntries)
    .where(and(eq(historyEntries.id, entryId), eq(historyEntries.workspaceId, actor.workspaceId)));
  if (!entry) throw new NotFoundError();
  await getVisibleDatasheet(conn, actor, entry.datasheetId);
  return entry;
}
