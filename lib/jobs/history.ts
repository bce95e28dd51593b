import "server-only";
import { and, eq, isNull, lt, notExists, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobRuns, outboxEvents } from "@/db/schema";

export const JOB_HISTORY_DAYS = 30;

/**
 * Forgets completed runs, and events relayed (or due but never taken) more than JOB_HISTORY_DAYS
 * ago. Failed runs stay until an admin retries them, and so does the event they need for the retry.
 */
export async function pruneJobHistory(db: Db, now: Date): Promise<{ runs: number; events: number }> {
  const before = new Date(now.getTime() - JOB_HISTORY_DAYS * 24 * 60 * 60_000);
  return db.transaction(async (tx) => {
    const runs = await tx
      .delete(jobRuns)
      .where(and(eq(jobRuns.status, "completed"), lt(jobRuns.finishedAt, before)))
      .returning({ id: jobRuns.id });
    const events = await tx
      .delete(outboxEvents)
      .where(
        and(
          // Relayed long ago, or due long ago and never taken (no function was subscribed to it).
          or(lt(outboxEvents.dispatchedAt, before), and(isNull(outboxEvents.dispatchedAt), lt(outboxEvents.deliverAt, before))),
          notExists(tx.select({ one: sql`1` }).from(jobRuns).where(eq(jobRuns.outboxEventId, outboxEvents.id))),
        ),
      )
      .returning({ id: outboxEvents.id });
    return { runs: runs.length, events: events.length };
  });
}
