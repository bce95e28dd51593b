import "server-only";
import { desc, eq, isNull, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { jobRuns, outboxEvents, type JobRunStatus } from "@/db/schema";
import { assertCan, type UserActor } from "@/lib/auth/permissions";

export interface JobRunSummary {
  id: string;
  functionId: string;
  /** The event that started it; null for a cron run. */
  eventName: string | null;
  status: JobRunStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  finishedAt: Date | null;
}

/** The runs an admin may see: their workspace's, and the system's (crons, housekeeping). */
export function visibleTo(actor: UserActor) {
  return or(eq(jobRuns.workspaceId, actor.workspaceId), isNull(jobRuns.workspaceId));
}

/** Settings → Jobs: the most recent runs, newest first (admins only). */
export async function listJobRuns(actor: UserActor, { limit = 100 }: { limit?: number } = {}): Promise<JobRunSummary[]> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  return db
    .select({
      id: jobRuns.id,
      functionId: jobRuns.functionId,
      eventName: outboxEvents.name,
      status: jobRuns.status,
      attempts: jobRuns.attempts,
      maxAttempts: jobRuns.maxAttempts,
      lastError: jobRuns.lastError,
      nextAttemptAt: jobRuns.nextAttemptAt,
      createdAt: jobRuns.createdAt,
      finishedAt: jobRuns.finishedAt,
    })
    .from(jobRuns)
    .leftJoin(outboxEvents, eq(outboxEvents.id, jobRuns.outboxEventId))
    .where(visibleTo(actor))
    .orderBy(desc(jobRuns.createdAt), desc(jobRuns.id))
    .limit(limit);
}
