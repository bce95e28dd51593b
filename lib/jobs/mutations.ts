import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { jobRuns } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { DomainError, NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { notifyOutbox } from "./outbox";
import { visibleTo } from "./queries";

/**
 * Queues a failed run once more: its attempts are kept and it gets one more, and the steps it
 * finished before are not repeated. Only a `failed` run can be retried.
 */
export async function retryJobRun(actor: UserActor, runId: string): Promise<void> {
  assertCan(actor, "settings.manage");
  assertId(runId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [run] = await tx
      .select({ status: jobRuns.status, functionId: jobRuns.functionId })
      .from(jobRuns)
      .where(and(eq(jobRuns.id, runId), visibleTo(actor)))
      .for("update");
    if (!run) throw new NotFoundError();
    if (run.status !== "failed") throw new DomainError("jobNotRetryable");
    await tx
      .update(jobRuns)
      .set({
        status: "queued",
        maxAttempts: sql`${jobRuns.attempts} + 1`,
        nextAttemptAt: new Date(),
        finishedAt: null,
        lockedUntil: null,
      })
      .where(eq(jobRuns.id, runId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "job.retried",
      subjectId: runId,
      details: { functionId: run.functionId },
    });
  });
  notifyOutbox();
}
