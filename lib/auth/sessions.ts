import "server-only";
import { lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { revokedSessions } from "@/db/schema";
import { isUuid } from "@/lib/ids";

/**
 * Ends one session for good: it is refused from now on, even if a copy of its cookie survives the
 * sign-out. Entries of sessions that have expired meanwhile go at the same time.
 */
export async function revokeSession(session: { sessionId: string | null; userId: string; expiresAt: Date }): Promise<void> {
  if (!session.sessionId || !isUuid(session.sessionId)) return;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
    await tx
      .insert(revokedSessions)
      .values({ id: session.sessionId!, userId: session.userId, expiresAt: session.expiresAt })
      .onConflictDoNothing();
  });
}
