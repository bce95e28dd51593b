import "server-only";
import { and, eq, inArray, lt, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cronTicks, jobRuns, jobSteps, outboxEvents, type JobRun } from "@/db/schema";

/**
 * The embedded runtime's database side. Every claim is one `FOR UPDATE SKIP LOCKED` statement, so
 * several processes may share the database; each takes only the events and runs of the functions
 * it has (during a rolling deploy an older process leaves a new event to the processes that know it).
 */

export interface Subscription {
  event: string;
  functionId: string;
  maxAttempts: number;
}

const CRON_TICKS_KEPT_MS = 7 * 24 * 60 * 60_000;

/** Due outbox rows become one run per subscribed function, in the statement that marks them dispatched. */
export async function dispatchDueEvents(
  db: Db,
  { now, batchSize, subscriptions }: { now: Date; batchSize: number; subscriptions: Subscription[] },
): Promise<number> {
  if (!subscriptions.length) return 0;
  const values = sql.join(
    subscriptions.map((s) => sql`(${s.event}, ${s.functionId}, ${s.maxAttempts}::integer)`),
    sql`, `,
  );
  const result = await db.execute(sql`
    with subscription (event_name, function_id, max_attempts) as (values ${values}),
    due as (
      select ${outboxEvents.id} from ${outboxEvents}
      where ${outboxEvents.dispatchedAt} is null and ${outboxEvents.deliverAt} <= ${now}
        and ${outboxEvents.name} in (select event_name from subscription)
      order by ${outboxEvents.deliverAt}
      limit ${batchSize}
      for update skip locked
    ),
    dispatched as (
      update ${outboxEvents} set dispatched_at = ${now} from due where ${outboxEvents.id} = due.id
      returning ${outboxEvents.id}, ${outboxEvents.name}, ${outboxEvents.workspaceId}
    ),
    runs as (
      insert into ${jobRuns} (outbox_event_id, function_id, workspace_id, max_attempts, next_attempt_at, created_at)
      select dispatched.id, subscription.function_id, dispatched.workspace_id, subscription.max_attempts, ${now}, ${now}
      from dispatched join subscription on subscription.event_name = dispatched.name
      on conflict do nothing
    )
    select count(*)::integer as dispatched from dispatched
  `);
  return (result as unknown as { rows: { dispatched: number }[] }).rows[0]?.dispatched ?? 0;
}

/**
 * How long an event no function of this process listens to waits before it is set aside. Inngest
 * does not replay old events to a function added later; neither does the embedded runtime: the
 * first automation deployed must not fire on a month of stored status changes. The grace keeps an
 * event for a function another process (the next version, mid-deploy) is about to run.
 */
export const UNHEARD_EVENT_GRACE_MINUTES = 10;

/**
 * Marks due events that no function of this process subscribes to as handed on, without runs,
 * once they have waited out the grace (by the database's clock: a test's or a process's own
 * clock running ahead must not cut another process's grace short).
 */
export async function setAsideUnheardEvents(db: Db, { now, batchSize, subscriptions }: { now: Date; batchSize: number; subscriptions: Subscription[] }): Promise<void> {
  const names = [...new Set(subscriptions.map((s) => s.event))];
  const heard = names.length ? sql`and ${outboxEvents.name} not in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})` : sql``;
  await db.execute(sql`
    with unheard as (
      select ${outboxEvents.id} from ${outboxEvents}
      where ${outboxEvents.dispatchedAt} is null and ${outboxEvents.deliverAt} <= ${now} ${heard}
        -- Both bounds, not greatest(): the due index reads only the old rows, however many fresh ones wait.
        and ${outboxEvents.deliverAt} < now() - make_interval(mins => ${UNHEARD_EVENT_GRACE_MINUTES})
        and ${outboxEvents.createdAt} < now() - make_interval(mins => ${UNHEARD_EVENT_GRACE_MINUTES})
      order by ${outboxEvents.deliverAt}
      limit ${batchSize}
      for update skip locked
    )
    update ${outboxEvents} set dispatched_at = ${now} from unheard where ${outboxEvents.id} = unheard.id`);
}

/** Takes a cron tick and queues its run, unless another process took the tick first. */
export async function claimCronTick(
  db: Db,
  { functionId, tick, now, maxAttempts }: { functionId: string; tick: Date; now: Date; maxAttempts: number },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .insert(cronTicks)
      .values({ functionId, tickAt: tick })
      .onConflictDoNothing()
      .returning({ tickAt: cronTicks.tickAt });
    if (!claimed) return false;
    // The guard only needs recent ticks; a week covers any clock skew between processes.
    await tx
      .delete(cronTicks)
      .where(and(eq(cronTicks.functionId, functionId), lt(cronTicks.tickAt, new Date(tick.getTime() - CRON_TICKS_KEPT_MS))));
    await tx.insert(jobRuns).values({ functionId, maxAttempts, scheduledFor: tick, nextAttemptAt: now, createdAt: now });
    return true;
  });
}

/**
 * A run whose process died mid-run goes back to the queue, or fails if it has no attempts left:
 * once its lease is over, or — `isEveryRunAbandoned`, for the only process on the database — at once.
 */
export async function requeueAbandonedRuns(
  db: Db,
  { now, functionIds, isEveryRunAbandoned = false }: { now: Date; functionIds: string[]; isEveryRunAbandoned?: boolean },
): Promise<void> {
  if (!functionIds.length) return;
  const isSpent = sql`${jobRuns.attempts} >= ${jobRuns.maxAttempts}`;
  await db
    .update(jobRuns)
    .set({
      status: sql`case when ${isSpent} then 'failed' else 'queued' end::job_run_status`,
      finishedAt: sql`case when ${isSpent} then ${now.toISOString()}::timestamptz end`,
      nextAttemptAt: now,
      lockedUntil: null,
      lastError: "Interrupted: the process running it stopped before it finished.",
    })
    .where(and(eq(jobRuns.status, "running"), isEveryRunAbandoned ? undefined : lt(jobRuns.lockedUntil, now), inArray(jobRuns.functionId, functionIds)));
}

export type ClaimedRun = JobRun & {
  /** The outbox event that started it; null for a cron run. */
  outbox: { id: string; name: string; data: Record<string, unknown>; createdAt: Date } | null;
};

/** Marks due runs running (one more attempt, held for leaseMs) and returns them with their events. */
export async function claimDueRuns(
  db: Db,
  { now, batchSize, leaseMs, functionIds }: { now: Date; batchSize: number; leaseMs: number; functionIds: string[] },
): Promise<ClaimedRun[]> {
  if (!functionIds.length) return [];
  const due = db
    .select({ id: jobRuns.id })
    .from(jobRuns)
    .where(and(eq(jobRuns.status, "queued"), lte(jobRuns.nextAttemptAt, now), inArray(jobRuns.functionId, functionIds)))
    .orderBy(jobRuns.nextAttemptAt)
    .limit(batchSize)
    .for("update", { skipLocked: true });
  const runs = await db
    .update(jobRuns)
    .set({
      status: "running",
      attempts: sql`${jobRuns.attempts} + 1`,
      startedAt: now,
      finishedAt: null,
      lockedUntil: new Date(now.getTime() + leaseMs),
    })
    .where(inArray(jobRuns.id, due))
    .returning();
  const eventIds = runs.flatMap((run) => (run.outboxEventId ? [run.outboxEventId] : []));
  const events = eventIds.length
    ? await db
        .select({ id: outboxEvents.id, name: outboxEvents.name, data: outboxEvents.data, createdAt: outboxEvents.createdAt })
        .from(outboxEvents)
        .where(inArray(outboxEvents.id, eventIds))
    : [];
  const byId = new Map(events.map((event) => [event.id, event]));
  return runs.map((run) => ({ ...run, outbox: (run.outboxEventId && byId.get(run.outboxEventId)) || null }));
}

/** Still the attempt this process claimed: not taken over by another process meanwhile. */
function isStillOwned(runs: Pick<JobRun, "id" | "attempts">[]) {
  // Two array parameters, however many runs: uuids and integers need no quoting in a literal.
  const ids = `{${runs.map((run) => run.id).join(",")}}`;
  const attempts = `{${runs.map((run) => run.attempts).join(",")}}`;
  return and(
    eq(jobRuns.status, "running"),
    sql`(${jobRuns.id}, ${jobRuns.attempts}) in (select * from unnest(${ids}::uuid[], ${attempts}::integer[]))`,
  );
}

export async function markRunsCompleted(db: Db, runs: Pick<JobRun, "id" | "attempts">[], now: Date): Promise<void> {
  if (!runs.length) return;
  await db.update(jobRuns).set({ status: "completed", finishedAt: now, lockedUntil: null }).where(isStillOwned(runs));
}

/** A failed attempt: queued again at `retryAt`, or failed for good when there is none. */
export async function recordRunFailure(
  db: Db,
  run: Pick<JobRun, "id" | "attempts">,
  { now, error, retryAt }: { now: Date; error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .update(jobRuns)
    .set({
      status: retryAt ? "queued" : "failed",
      lastError: error,
      lockedUntil: null,
      ...(retryAt ? { nextAttemptAt: retryAt } : { finishedAt: now }),
    })
    .where(isStillOwned([run]));
}

/**
 * A run that sleeps: queued again for its wake-up time. Its attempt is given back (one more
 * allowed), so sleeping never spends a retry, and the next attempt replays its finished steps.
 */
export async function postponeRun(db: Db, run: Pick<JobRun, "id" | "attempts">, until: Date): Promise<void> {
  await db
    .update(jobRuns)
    .set({ status: "queued", lockedUntil: null, nextAttemptAt: until, maxAttempts: sql`${jobRuns.maxAttempts} + 1` })
    .where(isStillOwned([run]));
}

/**
 * Runs claimed but not started when the process stops: queued again at once, their attempt given
 * back — they never ran, so the next start runs them as if they had not been claimed.
 */
export async function releaseUnstartedRuns(db: Db, runs: Pick<JobRun, "id" | "attempts">[], now: Date): Promise<void> {
  if (!runs.length) return;
  await db
    .update(jobRuns)
    .set({ status: "queued", lockedUntil: null, nextAttemptAt: now, attempts: sql`${jobRuns.attempts} - 1` })
    .where(isStillOwned(runs));
}

export async function loadFinishedSteps(db: Db, runId: string): Promise<Map<string, unknown>> {
  const rows = await db.select({ stepId: jobSteps.stepId, output: jobSteps.output }).from(jobSteps).where(eq(jobSteps.runId, runId));
  return new Map(rows.map((row) => [row.stepId, row.output]));
}

export async function saveFinishedStep(db: Db, step: { runId: string; stepId: string; output: unknown; completedAt: Date }): Promise<void> {
  await db.insert(jobSteps).values(step).onConflictDoNothing();
}
