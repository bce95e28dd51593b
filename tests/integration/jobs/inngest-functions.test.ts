import { InngestTestEngine, mockCtx } from "@inngest/test";
import { eq, like } from "drizzle-orm";
import { eventType, type Context } from "inngest";
import { afterAll, beforeAll, beforeEach, expect, it, vi, type MockInstance } from "vitest";
import { z } from "zod";
import { datasheets, jobRuns, loginAttempts, loginLocks, outboxEvents, statusCheckRuns, workspaces } from "@/db/schema";
import { inngest } from "@/inngest/client";
import { jobs } from "@/inngest/functions";
import { pruneJobHistory } from "@/inngest/functions/prune-job-history";
import { pruneLoginAttempts } from "@/inngest/functions/prune-login-attempts";
import { backupDatabase } from "@/inngest/functions/backup-database";
import { importRun } from "@/inngest/functions/import-run";
import { sendNewsletter } from "@/inngest/functions/send-newsletter";
import { purgeTrash } from "@/inngest/functions/purge-trash";
import { relayOutbox } from "@/inngest/functions/relay-outbox";
// Tested in tests/integration/automations/inngest-function.test.ts.
import { runAutomations } from "@/inngest/functions/run-automations";
// Tested in tests/integration/automations/inngest-function.test.ts too.
import { viewChecks } from "@/inngest/functions/view-checks";
// Tested in tests/integration/email/send-email-function.test.ts.
import { sendEmail } from "@/inngest/functions/send-email";
import { statusChecks } from "@/inngest/functions/status-checks";
import { defineJob, type Job } from "@/lib/jobs/define";
import { DAILY_CHECK_HOUR } from "@/lib/statuses/checks";
import { createWorkspace } from "../../factories";
import { createTestClient, datasheetRow } from "../../factories/datasheets";
import { createAutomaticModule } from "../../factories/modules";
import { describeOnPrivateDatabase } from "./private-database";

const DAY = 24 * 60 * 60_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

// A function must never reach Inngest from a test: step.sendEvent and inngest.send would.
const sendEvent = vi.fn(() => {
  throw new Error("step.sendEvent called: functions emit through the outbox");
});
const transformCtx = (ctx: Context.Any) => {
  const mocked = mockCtx(ctx);
  return { ...mocked, step: { ...mocked.step, sendEvent } } as Context.Any;
};

function engineFor(job: Job, events: [{ name: string; data: Record<string, unknown> }]) {
  return new InngestTestEngine({ function: job.inngestFunction, events, transformCtx });
}

const cronEvent = (job: Job) => [{ name: "inngest/scheduled.timer", data: { cron: (job.trigger as { cron: string }).cron } }] as [
  { name: string; data: Record<string, unknown> },
];

describeOnPrivateDatabase("Inngest functions through @inngest/test", ({ db }) => {
  let send: MockInstance<typeof inngest.send>;
  beforeAll(() => {
    send = vi.spyOn(inngest, "send").mockImplementation(async () => {
      throw new Error("inngest.send called outside a test that expects it");
    });
  });
  afterAll(() => {
    send.mockRestore();
  });
  beforeEach(() => {
    sendEvent.mockClear();
  });

  it("covers every function of the app", () => {
    expect(jobs.map((j) => j.id).sort()).toEqual([pruneJobHistory.id, pruneLoginAttempts.id, relayOutbox.id, sendEmail.id, statusChecks.id, purgeTrash.id, backupDatabase.id, runAutomations.id, viewChecks.id, sendNewsletter.id, importRun.id].sort());
  });

  it("statuses/daily-checks moves a forgotten sale once a local day, in the workspace's time zone", async () => {
    // A zone where it is past the morning check hour now, whenever the test runs.
    const zone = ["Europe/Budapest", "America/New_York", "Asia/Tokyo", "Pacific/Honolulu", "Pacific/Kiritimati"].find((tz) => {
      const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "numeric", hourCycle: "h23" }).format(new Date()));
      return hour >= DAILY_CHECK_HOUR;
    })!;
    const ws = await createWorkspace();
    await db().update(workspaces).set({ timeZone: zone }).where(eq(workspaces.id, ws.workspace.id));
    const auto = await createAutomaticModule(ws.actors.admin);
    const { datasheetId } = await createTestClient(ws.actors.normal, auto.moduleId);
    await db().update(datasheets).set({ createdAt: daysAgo(45) }).where(eq(datasheets.id, datasheetId));

    const { result, error } = await engineFor(statusChecks, cronEvent(statusChecks)).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ moved: expect.any(Number) });
    expect((await datasheetRow(datasheetId)).statusId).toBe(auto.statuses.forgotten);
    const [run] = await db().select().from(statusCheckRuns).where(eq(statusCheckRuns.moduleId, auto.moduleId));
    expect(run).toMatchObject({ moved: 1, ranByUserId: null });
    // The same day again (a retry, another process): nothing runs twice.
    const again = await engineFor(statusChecks, cronEvent(statusChecks)).execute();
    expect(again.result).toMatchObject({ moved: 0 });
    expect(sendEvent).not.toHaveBeenCalled();
  });

  it("datasheets/purge-trash deletes what lay in the trash longer than the workspace keeps it", async () => {
    const ws = await createWorkspace();
    await db().update(workspaces).set({ trashRetentionDays: 10 }).where(eq(workspaces.id, ws.workspace.id));
    const auto = await createAutomaticModule(ws.actors.admin);
    const expired = await createTestClient(ws.actors.normal, auto.moduleId);
    const kept = await createTestClient(ws.actors.normal, auto.moduleId);
    await db().update(datasheets).set({ deletedAt: daysAgo(11) }).where(eq(datasheets.id, expired.datasheetId));
    await db().update(datasheets).set({ deletedAt: daysAgo(9) }).where(eq(datasheets.id, kept.datasheetId));

    const { result, ctx, error } = await engineFor(purgeTrash, cronEvent(purgeTrash)).execute();
    expect(error).toBeUndefined();
    expect(ctx.step.run).toHaveBeenCalledWith("purge", expect.any(Function));
    expect(result).toEqual({ purged: 1 });
    expect(await db().select({ id: datasheets.id }).from(datasheets).where(eq(datasheets.workspaceId, ws.workspace.id))).toEqual([{ id: kept.datasheetId }]);
    expect(sendEvent).not.toHaveBeenCalled();
  });

  it("auth/prune-login-attempts forgets old attempts and run-out locks", async () => {
    await db()
      .insert(loginAttempts)
      .values([
        { email: "old@example.test", ip: "10.0.0.1", isSuccess: false, at: daysAgo(31) },
        { email: "recent@example.test", ip: "10.0.0.1", isSuccess: false, at: daysAgo(29) },
      ]);
    await db()
      .insert(loginLocks)
      .values([
        { kind: "email", key: "expired@example.test", lockedUntil: new Date(Date.now() - 60_000) },
        { kind: "email", key: "locked@example.test", lockedUntil: new Date(Date.now() + 10 * 60_000) },
      ]);

    const { result, ctx, error } = await engineFor(pruneLoginAttempts, cronEvent(pruneLoginAttempts)).execute();

    expect(error).toBeUndefined();
    expect(ctx.step.run).toHaveBeenCalledWith("prune", expect.any(Function));
    expect(result).toEqual({ attempts: 1, locks: 1 });
    expect((await db().select({ email: loginAttempts.email }).from(loginAttempts)).map((r) => r.email)).toEqual(["recent@example.test"]);
    expect((await db().select({ key: loginLocks.key }).from(loginLocks)).map((r) => r.key)).toEqual(["locked@example.test"]);
    expect(sendEvent).not.toHaveBeenCalled();
  });

  it("jobs/prune-history forgets old completed runs and relayed events, and keeps what a retry needs", async () => {
    const [oldEvent, failedEvent, recentEvent] = await db()
      .insert(outboxEvents)
      .values([
        { name: "test/old", data: {}, dispatchedAt: daysAgo(40) },
        { name: "test/failed", data: {}, dispatchedAt: daysAgo(40) },
        { name: "test/recent", data: {}, dispatchedAt: daysAgo(1) },
      ])
      .returning();
    const [unclaimed] = await db()
      .insert(outboxEvents)
      .values({ name: "test/nobody-listens", data: {}, deliverAt: daysAgo(40) })
      .returning();
    await db()
      .insert(jobRuns)
      .values([
        { functionId: "test/a", outboxEventId: oldEvent!.id, status: "completed", maxAttempts: 1, finishedAt: daysAgo(40) },
        { functionId: "test/b", outboxEventId: failedEvent!.id, status: "failed", maxAttempts: 1, finishedAt: daysAgo(40) },
        { functionId: "test/c", outboxEventId: recentEvent!.id, status: "completed", maxAttempts: 1, finishedAt: daysAgo(1) },
      ]);

    const { result, ctx } = await engineFor(pruneJobHistory, cronEvent(pruneJobHistory)).execute();

    expect(ctx.step.run).toHaveBeenCalledWith("prune", expect.any(Function));
    expect(result).toEqual({ runs: 1, events: 2 });
    const left = await db().select({ name: outboxEvents.name }).from(outboxEvents).where(like(outboxEvents.name, "test/%"));
    expect(left.map((r) => r.name).sort()).toEqual(["test/failed", "test/recent"]);
    expect(await db().select().from(outboxEvents).where(eq(outboxEvents.id, unclaimed!.id))).toEqual([]);
    const runs = await db().select({ functionId: jobRuns.functionId }).from(jobRuns);
    expect(runs.map((r) => r.functionId).sort()).toEqual(["test/b", "test/c"]);
  });

  it("jobs/relay-outbox sends the due outbox rows to Inngest under their ids", async () => {
    await db().delete(outboxEvents);
    const [due] = await db()
      .insert(outboxEvents)
      .values({ name: "test/due", data: { n: 1 } })
      .returning();
    await db()
      .insert(outboxEvents)
      .values({ name: "test/later", data: { n: 2 }, deliverAt: new Date(Date.now() + DAY) });
    send.mockImplementationOnce(async () => ({ ids: [due!.id] }));

    const { result, ctx } = await engineFor(relayOutbox, cronEvent(relayOutbox)).execute();

    expect(ctx.step.run).toHaveBeenCalledWith("relay", expect.any(Function));
    expect(result).toEqual({ sent: 1 });
    expect(send).toHaveBeenCalledWith([{ id: due!.id, name: "test/due", data: { n: 1 }, ts: due!.createdAt.getTime() }]);
    const [row] = await db().select().from(outboxEvents).where(eq(outboxEvents.id, due!.id));
    expect(row!.dispatchedAt).not.toBeNull();
  });

  it("an event-triggered function parses its payload, runs its steps and emits its follow-up through the outbox", async () => {
    const [workspace] = await db().insert(workspaces).values({ name: "Inngest test" }).returning();
    const placed = eventType("test/order.placed", { schema: z.object({ workspaceId: z.string(), n: z.number() }) });
    const confirmed = eventType("test/order.confirmed", { schema: z.object({ workspaceId: z.string(), n: z.number() }) });
    const confirm = defineJob({ id: "test/confirm-order", trigger: { event: placed } }, async ({ event, run, emit }) => {
      const doubled = await run("double", async () => event.data.n * 2);
      await emit(confirmed.create({ workspaceId: event.data.workspaceId, n: doubled }));
      return doubled;
    });

    const { result, ctx, error } = await engineFor(confirm, [{ name: placed.name, data: { workspaceId: workspace!.id, n: 21 } }]).execute();

    expect(error).toBeUndefined();
    expect(result).toBe(42);
    expect(ctx.step.run).toHaveBeenCalledWith("double", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith(`emit:${confirmed.name}`, expect.any(Function));
    // Recorded in the outbox (the relay sends it), never sent from the function.
    const followUps = await db().select().from(outboxEvents).where(eq(outboxEvents.name, confirmed.name));
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({
      workspaceId: workspace!.id,
      data: { workspaceId: workspace!.id, n: 42 },
      dispatchedAt: null,
    });
    expect(sendEvent).not.toHaveBeenCalled();
  });

  it("an event-triggered function rejects a payload that does not match its schema", async () => {
    const placed = eventType("test/order.placed", { schema: z.object({ workspaceId: z.string(), n: z.number() }) });
    const handler = vi.fn(async () => "never");
    const job = defineJob({ id: "test/strict-order", trigger: { event: placed } }, handler);

    const { error } = await engineFor(job, [{ name: placed.name, data: { workspaceId: "w", n: "one" } }]).execute();

    expect(error).toBeDefined();
    expect(handler).not.toHaveBeenCalled();
  });
});
