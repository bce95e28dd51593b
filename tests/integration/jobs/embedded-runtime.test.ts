import { and, asc, count, eq, inArray } from "drizzle-orm";
import { eventType, NonRetriableError } from "inngest";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, cronTicks, jobRuns, jobSteps, outboxEvents, users } from "@/db/schema";
import { defineJob, type Job } from "@/lib/jobs/define";
import { EmbeddedRuntime } from "@/lib/jobs/embedded-runtime";
import { retryJobRun } from "@/lib/jobs/mutations";
import { emit, eventIdFor } from "@/lib/jobs/outbox";
import { BACKOFF_BASE_MS } from "@/lib/jobs/timing";
import { createWorkspace, uniqueSuffix } from "../../factories";
import { describeEachBackend } from "../../support/db";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const silent = { warn: () => {}, error: () => {} };

/** A clock the test moves by hand. It starts a minute ahead, so rows stamped now() are due. */
function controlledClock(start = new Date(Date.now() + MINUTE)) {
  let time = start.getTime();
  return {
    now: () => new Date(time),
    advance: (ms: number) => {
      time += ms;
    },
  };
}

const workspaceEvent = (name: string) =>
  eventType(`test/${name}.${uniqueSuffix()}`, { schema: z.object({ workspaceId: z.string(), n: z.number() }) });

describeEachBackend("embedded job runtime", ({ db, openAnotherConnection }) => {
  const closeAfter: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closeAfter.splice(0)) await close();
  });

  function runtime(jobs: Job[], clock: { now: () => Date }, database: Db = db(), extra = {}) {
    return new EmbeddedRuntime({ db: database, jobs, now: clock.now, logger: silent, ...extra });
  }

  const runsOf = (...jobs: Job[]) =>
    db()
      .select()
      .from(jobRuns)
      .where(
        inArray(
          jobRuns.functionId,
          jobs.map((j) => j.id),
        ),
      )
      .orderBy(asc(jobRuns.createdAt), asc(jobRuns.functionId));

  const sideEffects = async (workspaceId: string, action: string) => {
    const [row] = await db()
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, action)));
    return row!.n;
  };

  it("hands an event committed with its change to its function, and that function's follow-up event to the next", async () => {
    const { workspace } = await createWorkspace();
    const placed = workspaceEvent("order.placed");
    const confirmed = workspaceEvent("order.confirmed");
    const received: number[] = [];
    const confirm = defineJob({ id: `test/confirm-${uniqueSuffix()}`, trigger: { event: placed } }, async ({ event, run, emit }) => {
      const doubled = await run("double", async () => event.data.n * 2);
      await emit(confirmed.create({ workspaceId: event.data.workspaceId, n: doubled }));
    });
    const record = defineJob({ id: `test/record-${uniqueSuffix()}`, trigger: { event: confirmed } }, async ({ event, run }) => {
      await run("record", async () => received.push(event.data.n));
    });

    await db().transaction(async (tx) => {
      await tx.insert(auditLog).values({ workspaceId: workspace.id, action: "test.order_placed" });
      await emit(tx, placed.create({ workspaceId: workspace.id, n: 21 }));
    });
    const [waiting] = await db().select().from(outboxEvents).where(eq(outboxEvents.name, placed.name));
    expect(waiting).toMatchObject({ workspaceId: workspace.id, data: { workspaceId: workspace.id, n: 21 }, dispatchedAt: null });

    expect(await runtime([confirm, record], controlledClock()).tick()).toEqual({ dispatched: 2, executed: 2 });

    expect(received).toEqual([42]);
    const runs = await runsOf(confirm, record);
    expect(runs.map((r) => [r.functionId, r.status, r.attempts, r.workspaceId])).toEqual(
      expect.arrayContaining([
        [confirm.id, "completed", 1, workspace.id],
        [record.id, "completed", 1, workspace.id],
      ]),
    );
    const confirmRun = runs.find((r) => r.functionId === confirm.id)!;
    const [followUp] = await db().select().from(outboxEvents).where(eq(outboxEvents.name, confirmed.name));
    // The follow-up went through the outbox, under an id derived from the run and the step.
    expect(followUp!.id).toBe(eventIdFor(confirmRun.id, `emit:${confirmed.name}`));
    expect(followUp!.dispatchedAt).not.toBeNull();
  });

  it("does not start a function on events recorded long before it existed (as Inngest does not replay old events)", async () => {
    const { workspace } = await createWorkspace();
    const changed = workspaceEvent("status.changed");
    // A month of changes nobody listened to: the app of that time had no function for them.
    await db().transaction((tx) => emit(tx, changed.create({ workspaceId: workspace.id, n: 1 })));
    const monthAgo = new Date(Date.now() - 30 * DAY);
    await db().update(outboxEvents).set({ createdAt: monthAgo, deliverAt: monthAgo }).where(eq(outboxEvents.name, changed.name));
    const clock = controlledClock();
    await runtime([], clock).tick();
    const [setAside] = await db().select().from(outboxEvents).where(eq(outboxEvents.name, changed.name));
    expect(setAside!.dispatchedAt).not.toBeNull();

    // The first automation is deployed: it hears what happens from now on, not the stored month.
    let calls = 0;
    const automation = defineJob({ id: `test/automation-${uniqueSuffix()}`, trigger: { event: changed } }, async ({ run }) => {
      await run("act", async () => ++calls);
    });
    await runtime([automation], clock).tick();
    expect(calls).toBe(0);
    expect(await runsOf(automation)).toEqual([]);
    await db().transaction((tx) => emit(tx, changed.create({ workspaceId: workspace.id, n: 2 })));
    await runtime([automation], clock).tick();
    expect(calls).toBe(1);
  });

  it("keeps a fresh event no function of this process hears, for the process (the next version) that has one", async () => {
    const { workspace } = await createWorkspace();
    const changed = workspaceEvent("status.changed");
    await db().transaction((tx) => emit(tx, changed.create({ workspaceId: workspace.id, n: 1 })));
    const clock = controlledClock();
    // Even a process whose clock runs far ahead does not cut the grace short: it counts on the database's.
    clock.advance(DAY);
    await runtime([], clock).tick();
    const [waiting] = await db().select().from(outboxEvents).where(eq(outboxEvents.name, changed.name));
    expect(waiting!.dispatchedAt).toBeNull();
    let calls = 0;
    const next = defineJob({ id: `test/next-version-${uniqueSuffix()}`, trigger: { event: changed } }, async ({ run }) => {
      await run("act", async () => ++calls);
    });
    await runtime([next], clock).tick();
    expect(calls).toBe(1);
  });

  it("never delivers an event whose transaction rolled back", async () => {
    const { workspace } = await createWorkspace();
    const placed = workspaceEvent("order.placed");
    let calls = 0;
    const job = defineJob({ id: `test/never-${uniqueSuffix()}`, trigger: { event: placed } }, async () => {
      calls++;
    });
    await expect(
      db().transaction(async (tx) => {
        await emit(tx, placed.create({ workspaceId: workspace.id, n: 1 }));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await runtime([job], controlledClock()).tick();
    expect(calls).toBe(0);
    expect(await db().select().from(outboxEvents).where(eq(outboxEvents.name, placed.name))).toEqual([]);
  });

  it("refuses to record an event whose payload does not match its schema", async () => {
    const placed = workspaceEvent("order.placed");
    await expect(
      db().transaction((tx) => emit(tx, placed.create({ workspaceId: "w", n: "not a number" } as never))),
    ).rejects.toThrow(/Invalid payload for event "test\/order\.placed.*n:/);
  });

  it("delivers a delayed event at its time, and the handler does nothing when the data moved on", async () => {
    const { workspace, users: people } = await createWorkspace();
    const reminder = eventType(`test/reminder.${uniqueSuffix()}`, {
      schema: z.object({ workspaceId: z.string(), userId: z.string() }),
    });
    const remind = defineJob({ id: `test/remind-${uniqueSuffix()}`, trigger: { event: reminder } }, async ({ event, run }) => {
      // Re-read the database: the user may have been deactivated since the event was recorded.
      const isActive = await run("check", async () => {
        const [user] = await db().select({ isActive: users.isActive }).from(users).where(eq(users.id, event.data.userId));
        return user?.isActive ?? false;
      });
      if (!isActive) return "skipped";
      await run("remind", () =>
        db().insert(auditLog).values({ workspaceId: event.data.workspaceId, action: "test.reminded", subjectId: event.data.userId }),
      );
    });
    const clock = controlledClock();
    const inThreeDays = new Date(clock.now().getTime() + 3 * DAY);
    await db().transaction(async (tx) => {
      for (const user of [people.normal, people.restricted]) {
        await emit(tx, reminder.create({ workspaceId: workspace.id, userId: user.id }), { deliverAt: inThreeDays });
      }
    });
    const rt = runtime([remind], clock);

    expect(await rt.tick()).toEqual({ dispatched: 0, executed: 0 });
    clock.advance(3 * DAY - MINUTE);
    expect(await rt.tick()).toEqual({ dispatched: 0, executed: 0 });

    await db().update(users).set({ isActive: false }).where(eq(users.id, people.restricted.id));
    clock.advance(MINUTE);
    expect(await rt.tick()).toEqual({ dispatched: 2, executed: 2 });

    const reminded = await db()
      .select({ userId: auditLog.subjectId })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.action, "test.reminded")));
    expect(reminded).toEqual([{ userId: people.normal.id }]);
    expect((await runsOf(remind)).map((r) => r.status)).toEqual(["completed", "completed"]);
  });

  it("puts a sleeping run aside until its time, then resumes it without repeating its finished steps or spending a retry", async () => {
    const { workspace } = await createWorkspace();
    const placed = workspaceEvent("order.placed");
    const clock = controlledClock();
    const wakeAt = new Date(clock.now().getTime() + 3 * DAY);
    const job = defineJob({ id: `test/sleepy-${uniqueSuffix()}`, trigger: { event: placed }, retries: 0 }, async ({ event, run, sleepUntil }) => {
      await run("before", () => db().insert(auditLog).values({ workspaceId: event.data.workspaceId, action: "test.before_sleep" }));
      await sleepUntil("wait", wakeAt);
      await run("after", () => db().insert(auditLog).values({ workspaceId: event.data.workspaceId, action: "test.after_sleep" }));
    });
    await db().transaction((tx) => emit(tx, placed.create({ workspaceId: workspace.id, n: 1 })));
    const rt = runtime([job], clock);

    await rt.tick();
    const [asleep] = await runsOf(job);
    expect(asleep).toMatchObject({ status: "queued", attempts: 1, maxAttempts: 2, lastError: null });
    expect(asleep!.nextAttemptAt.getTime()).toBe(wakeAt.getTime());
    expect([await sideEffects(workspace.id, "test.before_sleep"), await sideEffects(workspace.id, "test.after_sleep")]).toEqual([1, 0]);

    clock.advance(3 * DAY - MINUTE);
    expect(await rt.tick()).toEqual({ dispatched: 0, executed: 0 });
    clock.advance(MINUTE);
    expect(await rt.tick()).toEqual({ dispatched: 0, executed: 1 });
    const [awake] = await runsOf(job);
    expect(awake).toMatchObject({ status: "completed", attempts: 2 });
    expect([await sideEffects(workspace.id, "test.before_sleep"), await sideEffects(workspace.id, "test.after_sleep")]).toEqual([1, 1]);
  });

  it("retries a run whose step threw, with backoff, and the finished step's side effect still happens once", async () => {
    const { workspace } = await createWorkspace();
    const placed = workspaceEvent("order.placed");
    let failuresLeft = 1;
    const job = defineJob({ id: `test/flaky-${uniqueSuffix()}`, trigger: { event: placed }, retries: 2 }, async ({ event, run }) => {
      await run("record side effect", () =>
        db().insert(auditLog).values({ workspaceId: event.data.workspaceId, action: "test.side_effect" }),
      );
      await run("call the flaky service", async () => {
        if (failuresLeft-- > 0) throw new Error("temporary outage");
        return "ok";
      });
    });
    await db().transaction((tx) => emit(tx, placed.create({ workspaceId: workspace.id, n: 1 })));
    const clock = controlledClock();
    const rt = runtime([job], clock);

    await rt.tick();
    const [afterFailure] = await runsOf(job);
    expect(afterFailure).toMatchObject({ status: "queued", attempts: 1, maxAttempts: 3 });
    expect(afterFailure!.lastError).toContain("temporary outage");
    expect(afterFailure!.nextAttemptAt.getTime()).toBe(clock.now().getTime() + BACKOFF_BASE_MS);

    expect(await rt.tick()).toEqual({ dispatched: 0, executed: 0 });
    clock.advance(BACKOFF_BASE_MS);
    expect(await rt.tick()).toEqual({ dispatched: 0, executed: 1 });

    const [done] = await runsOf(job);
    expect(done).toMatchObject({ status: "completed", attempts: 2 });
    expect(await sideEffects(workspace.id, "test.side_effect")).toBe(1);
    const steps = await db().select({ stepId: jobSteps.stepId }).from(jobSteps).where(eq(jobSteps.runId, done!.id));
    expect(steps.map((s) => s.stepId).sort()).toEqual(["call the flaky service", "record side effect"]);
  });

  it("ends in a visible failed state once the retries are spent, and at once on a non-retriable error", async () => {
    const { workspace } = await createWorkspace();
    const placed = workspaceEvent("order.placed");
    const broken = defineJob({ id: `test/broken-${uniqueSuffix()}`, trigger: { event: placed }, retries: 1 }, async () => {
      throw new Error("always broken");
    });
    const refused = defineJob({ id: `test/refused-${uniqueSuffix()}`, trigger: { event: placed } }, async () => {
      throw new NonRetriableError("this will never work");
    });
    await db().transaction((tx) => emit(tx, placed.create({ workspaceId: workspace.id, n: 1 })));
    const clock = controlledClock();
    const rt = runtime([broken, refused], clock);

    await rt.tick();
    clock.advance(BACKOFF_BASE_MS);
    await rt.tick();
    clock.advance(DAY);
    expect(await rt.tick()).toEqual({ dispatched: 0, executed: 0 });

    const runs = await runsOf(broken, refused);
    const byFunction = Object.fromEntries(runs.map((r) => [r.functionId, r]));
    expect(byFunction[broken.id]).toMatchObject({ status: "failed", attempts: 2, maxAttempts: 2 });
    expect(byFunction[broken.id]!.lastError).toContain("always broken");
    expect(byFunction[broken.id]!.finishedAt).not.toBeNull();
    expect(byFunction[refused.id]).toMatchObject({ status: "failed", attempts: 1 });
    expect(byFunction[refused.id]!.lastError).toContain("this will never work");
  });

  it("runs a failed run once more when an admin retries it, without repeating its finished steps", async () => {
    const { workspace, actors } = await createWorkspace();
    const placed = workspaceEvent("order.placed");
    let isServiceUp = false;
    const job = defineJob({ id: `test/retried-${uniqueSuffix()}`, trigger: { event: placed }, retries: 0 }, async ({ event, run }) => {
      await run("record side effect", () =>
        db().insert(auditLog).values({ workspaceId: event.data.workspaceId, action: "test.side_effect" }),
      );
      await run("call the service", async () => {
        if (!isServiceUp) throw new Error("service down");
      });
    });
    await db().transaction((tx) => emit(tx, placed.create({ workspaceId: workspace.id, n: 1 })));
    const clock = controlledClock();
    const rt = runtime([job], clock);
    await rt.tick();
    expect((await runsOf(job))[0]).toMatchObject({ status: "failed", attempts: 1 });

    isServiceUp = true;
    await retryJobRun(actors.admin, (await runsOf(job))[0]!.id);
    expect(await rt.tick()).toEqual({ dispatched: 0, executed: 1 });
    expect((await runsOf(job))[0]).toMatchObject({ status: "completed", attempts: 2 });
    expect(await sideEffects(workspace.id, "test.side_effect")).toBe(1);
  });

  it("fails a run whose payload does not parse without retrying it", async () => {
    const placed = workspaceEvent("order.placed");
    const job = defineJob({ id: `test/strict-${uniqueSuffix()}`, trigger: { event: placed } }, async () => "never");
    // Written by an older version of the code, say: the outbox itself does not validate.
    await db().insert(outboxEvents).values({ name: placed.name, data: { workspaceId: "w", n: "one" } });
    await runtime([job], controlledClock()).tick();
    const [run] = await runsOf(job);
    expect(run).toMatchObject({ status: "failed", attempts: 1 });
    expect(run!.lastError).toMatch(/Invalid payload .*n:/);
  });

  it("delivers, after a restart, an event committed just before the process died", async () => {
    const { workspace } = await createWorkspace();
    const placed = workspaceEvent("order.placed");
    let calls = 0;
    const job = defineJob({ id: `test/after-crash-${uniqueSuffix()}`, trigger: { event: placed } }, async ({ run }) => {
      await run("count", async () => ++calls);
    });
    // The commit happened; the process died before any relay ran (no runtime exists yet).
    await db().transaction((tx) => emit(tx, placed.create({ workspaceId: workspace.id, n: 1 })));

    const clock = controlledClock();
    expect(await runtime([job], clock).tick()).toEqual({ dispatched: 1, executed: 1 });
    // And a second restart does not deliver it again.
    expect(await runtime([job], clock).tick()).toEqual({ dispatched: 0, executed: 0 });
    expect(calls).toBe(1);
    expect(await runsOf(job)).toHaveLength(1);
  });

  it("takes over a run whose process died mid-run, without repeating the steps it finished", async () => {
    const { workspace } = await createWorkspace();
    const placed = workspaceEvent("order.placed");
    let firstSteps = 0;
    let secondSteps = 0;
    let reachedSecondStep: () => void = () => {};
    const isAtSecondStep = new Promise<void>((resolve) => (reachedSecondStep = resolve));
    let isFirstAttempt = true;
    const job = defineJob({ id: `test/interrupted-${uniqueSuffix()}`, trigger: { event: placed } }, async ({ run }) => {
      await run("first", async () => ++firstSteps);
      if (isFirstAttempt) {
        isFirstAttempt = false;
        reachedSecondStep();
        await new Promise(() => {}); // the process hangs here and is never heard from again
      }
      await run("second", async () => ++secondSteps);
    });
    await db().transaction((tx) => emit(tx, placed.create({ workspaceId: workspace.id, n: 1 })));
    const clock = controlledClock();
    void runtime([job], clock, db(), { leaseMs: 5 * MINUTE }).tick();
    await isAtSecondStep;

    clock.advance(5 * MINUTE + 1);
    expect(await runtime([job], clock).tick()).toEqual({ dispatched: 0, executed: 1 });
    const [run] = await runsOf(job);
    expect(run).toMatchObject({ status: "completed", attempts: 2 });
    expect(run!.lastError).toContain("Interrupted");
    expect({ firstSteps, secondSteps }).toEqual({ firstSteps: 1, secondSteps: 1 });
  });

  it("as the database's only process (embedded), takes over a killed predecessor's run at its start, not after the lease", async () => {
    const { workspace } = await createWorkspace();
    const placed = workspaceEvent("order.placed");
    let firstSteps = 0;
    let secondSteps = 0;
    let reachedSecondStep: () => void = () => {};
    const isAtSecondStep = new Promise<void>((resolve) => (reachedSecondStep = resolve));
    let isFirstAttempt = true;
    const job = defineJob({ id: `test/killed-${uniqueSuffix()}`, trigger: { event: placed } }, async ({ run }) => {
      await run("first", async () => ++firstSteps);
      if (isFirstAttempt) {
        isFirstAttempt = false;
        reachedSecondStep();
        await new Promise(() => {}); // SIGKILL: the process is gone
      }
      await run("second", async () => ++secondSteps);
    });
    await db().transaction((tx) => emit(tx, placed.create({ workspaceId: workspace.id, n: 1 })));
    const clock = controlledClock();
    void runtime([job], clock).tick();
    await isAtSecondStep;

    // A process sharing the database with others waits for the lease…
    expect(await runtime([job], clock).tick()).toEqual({ dispatched: 0, executed: 0 });
    // …the only one (the restarted app on its locked folder) takes the run over at once, the clock unmoved.
    const restarted = runtime([job], clock, db(), { isSoleProcess: true });
    expect(await restarted.tick()).toEqual({ dispatched: 0, executed: 1 });
    const [run] = await runsOf(job);
    expect(run).toMatchObject({ status: "completed", attempts: 2 });
    expect({ firstSteps, secondSteps }).toEqual({ firstSteps: 1, secondSteps: 1 });
  });

  it("runs each cron tick once even when two processes tick at the same moment", async () => {
    const ticks: string[] = [];
    const daily = defineJob(
      { id: `test/daily-${uniqueSuffix()}`, trigger: { cron: "TZ=Europe/Budapest 0 6 * * *" } },
      async ({ event, run }) => {
        await run("tick", async () => ticks.push(new Date(event.ts).toISOString()));
      },
    );
    const other = await openAnotherConnection();
    closeAfter.push(() => other.close());
    // 05:59 in Budapest (summer time, UTC+2).
    const clock = controlledClock(new Date("2026-07-01T03:59:00Z"));
    const a = runtime([daily], clock);
    const b = runtime([daily], clock, other.db);

    // A missed tick (yesterday's, from before this process started) runs once.
    await Promise.all([a.tick(), b.tick()]);
    expect(ticks).toEqual(["2026-06-30T04:00:00.000Z"]);
    await Promise.all([a.tick(), b.tick()]);
    expect(ticks).toHaveLength(1);

    clock.advance(90_000); // 06:00:30 in Budapest
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    expect(ticks).toEqual(["2026-06-30T04:00:00.000Z", "2026-07-01T04:00:00.000Z"]);

    const runs = await runsOf(daily);
    expect(runs.map((r) => [r.scheduledFor?.toISOString(), r.status, r.workspaceId])).toEqual([
      ["2026-06-30T04:00:00.000Z", "completed", null],
      ["2026-07-01T04:00:00.000Z", "completed", null],
    ]);
    expect(await db().select().from(cronTicks).where(eq(cronTicks.functionId, daily.id))).toHaveLength(2);
  });

  it("shares the outbox between two processes without running an event twice", async () => {
    const { workspace } = await createWorkspace();
    const placed = workspaceEvent("order.placed");
    const seen: number[] = [];
    const job = defineJob({ id: `test/shared-${uniqueSuffix()}`, trigger: { event: placed } }, async ({ event, run }) => {
      await run("see", async () => seen.push(event.data.n));
    });
    await db().transaction(async (tx) => {
      for (let n = 0; n < 40; n++) await emit(tx, placed.create({ workspaceId: workspace.id, n }));
    });
    const other = await openAnotherConnection();
    closeAfter.push(() => other.close());
    const clock = controlledClock();
    await Promise.all([
      runtime([job], clock, db(), { batchSize: 7 }).tick(),
      runtime([job], clock, other.db, { batchSize: 5 }).tick(),
    ]);
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(await runsOf(job)).toHaveLength(40);
  });

  describe("start() and stop()", () => {
    it("runs a committed event at once when notified, and stop() waits for the run", async () => {
      const { workspace } = await createWorkspace();
      const placed = workspaceEvent("order.placed");
      let finish: () => void = () => {};
      const isHandled = new Promise<void>((resolve) => (finish = resolve));
      const job = defineJob({ id: `test/started-${uniqueSuffix()}`, trigger: { event: placed } }, async ({ run }) => {
        await run("done", async () => finish());
      });
      const { notifyOutbox } = await import("@/lib/jobs/outbox");
      // A poll interval far beyond the test: only the nudge can make it run.
      const rt = runtime([job], controlledClock(), db(), { pollMs: 60 * MINUTE });
      rt.start();
      await new Promise((r) => setTimeout(r, 50));
      await db().transaction((tx) => emit(tx, placed.create({ workspaceId: workspace.id, n: 1 })));
      notifyOutbox();
      await isHandled;
      await rt.stop();
      const [run] = await runsOf(job);
      expect(run!.status).toBe("completed");
    });

    it("stop() during a round: the runs started finish and are marked done, the rest go back to the queue unspent, none is left running", async () => {
      const { workspace } = await createWorkspace();
      const placed = workspaceEvent("order.placed");
      let started = 0;
      let release: () => void = () => {};
      const isReleased = new Promise<void>((resolve) => (release = resolve));
      let firstStarted: () => void = () => {};
      const isFirstStarted = new Promise<void>((resolve) => (firstStarted = resolve));
      const job = defineJob({ id: `test/stopped-${uniqueSuffix()}`, trigger: { event: placed } }, async ({ run }) => {
        await run("work", async () => {
          started++;
          firstStarted();
          await isReleased;
        });
      });
      await db().transaction(async (tx) => {
        for (let n = 0; n < 6; n++) await emit(tx, placed.create({ workspaceId: workspace.id, n }));
      });
      // Two at a time: the first pair is running when the stop comes, the other four wait their turn.
      const rt = runtime([job], controlledClock(), db(), { pollMs: 60 * MINUTE, concurrency: 2 });
      rt.start();
      await isFirstStarted;
      const stopped = rt.stop();
      release();
      await stopped;

      expect(started).toBe(2);
      const runs = await runsOf(job);
      expect(runs).toHaveLength(6);
      expect(runs.filter((r) => r.status === "running")).toEqual([]);
      expect(runs.filter((r) => r.status === "completed").map((r) => r.attempts)).toEqual([1, 1]);
      // The others never ran: queued, their claim's attempt given back, so a retry is not spent.
      const waiting = runs.filter((r) => r.status === "queued");
      expect(waiting.map((r) => [r.attempts, r.lockedUntil])).toEqual(Array.from({ length: 4 }, () => [0, null]));

      // The next start runs them, each once.
      await runtime([job], controlledClock()).tick();
      expect(started).toBe(6);
      expect((await runsOf(job)).every((r) => r.status === "completed" && r.attempts === 1)).toBe(true);
    });
  });
});
