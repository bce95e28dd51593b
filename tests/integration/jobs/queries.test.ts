import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, jobRuns } from "@/db/schema";
import { retryJobRun } from "@/lib/jobs/mutations";
import { listJobRuns } from "@/lib/jobs/queries";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { createWorkspace, uniqueSuffix } from "../../factories";
import { describeEachBackend } from "../../support/db";

// The PostgreSQL database is shared with other files that add system runs: read them all.
const ALL = { limit: 100_000 };

describeEachBackend("Settings → Jobs", ({ db }) => {
  async function addRun(values: Partial<typeof jobRuns.$inferInsert> & { workspaceId: string | null }) {
    const [run] = await db()
      .insert(jobRuns)
      .values({ functionId: `test/job-${uniqueSuffix()}`, maxAttempts: 5, ...values })
      .returning();
    return run!;
  }

  it("shows an admin their workspace's runs and the system's, never another workspace's", async () => {
    const mine = await createWorkspace();
    const theirs = await createWorkspace();
    const own = await addRun({ workspaceId: mine.workspace.id, status: "failed", attempts: 5, lastError: "Error: boom" });
    const system = await addRun({ workspaceId: null, status: "completed", attempts: 1 });
    const foreign = await addRun({ workspaceId: theirs.workspace.id, status: "failed", attempts: 5 });

    const ids = (await listJobRuns(mine.actors.admin, ALL)).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([own.id, system.id]));
    expect(ids).not.toContain(foreign.id);
    const [shown] = (await listJobRuns(mine.actors.admin, ALL)).filter((r) => r.id === own.id);
    expect(shown).toMatchObject({ functionId: own.functionId, status: "failed", attempts: 5, maxAttempts: 5, lastError: "Error: boom" });
  });

  it("refuses managers, normal and restricted users", async () => {
    const { actors } = await createWorkspace();
    for (const role of ["manager", "normal", "restricted"] as const) {
      await expect(listJobRuns(actors[role])).rejects.toBeInstanceOf(ForbiddenError);
      await expect(retryJobRun(actors[role], crypto.randomUUID())).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("retries a failed run: queued again with one more attempt, audited", async () => {
    const { workspace, actors } = await createWorkspace();
    const run = await addRun({ workspaceId: workspace.id, status: "failed", attempts: 5, finishedAt: new Date() });

    await retryJobRun(actors.admin, run.id);

    const [after] = await db().select().from(jobRuns).where(eq(jobRuns.id, run.id));
    expect(after).toMatchObject({ status: "queued", attempts: 5, maxAttempts: 6, finishedAt: null });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.action, "job.retried")));
    expect(audit).toMatchObject([{ actorUserId: actors.admin.userId, subjectId: run.id, details: { functionId: run.functionId } }]);
  });

  it("retries only failed runs, and treats another workspace's run as not found", async () => {
    const mine = await createWorkspace();
    const theirs = await createWorkspace();
    const completed = await addRun({ workspaceId: mine.workspace.id, status: "completed", attempts: 1 });
    const foreign = await addRun({ workspaceId: theirs.workspace.id, status: "failed", attempts: 5 });

    const notRetryable = await retryJobRun(mine.actors.admin, completed.id).catch((e: unknown) => e);
    expect(notRetryable).toBeInstanceOf(DomainError);
    expect((notRetryable as DomainError).code).toBe("jobNotRetryable");
    await expect(retryJobRun(mine.actors.admin, foreign.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(retryJobRun(mine.actors.admin, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    const [untouched] = await db().select().from(jobRuns).where(eq(jobRuns.id, foreign.id));
    expect(untouched!.status).toBe("failed");
  });
});
