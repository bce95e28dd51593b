import "server-only";
import { NonRetriableError } from "inngest";
import type { Db } from "@/db/client";
import { eventsOf, maxAttemptsOf, type Job, type JobEvent, type StepAdapter } from "./define";
import { setOutboxListener } from "./outbox";
import {
  claimCronTick,
  claimDueRuns,
  dispatchDueEvents,
  loadFinishedSteps,
  markRunsCompleted,
  postponeRun,
  recordRunFailure,
  releaseUnstartedRuns,
  requeueAbandonedRuns,
  saveFinishedStep,
  setAsideUnheardEvents,
  type ClaimedRun,
  type Subscription,
} from "./run-queue";
import { backoffMs, latestTick, parseCron, type CronSchedule } from "./timing";

export interface EmbeddedRuntimeOptions {
  db: Db;
  jobs: readonly Job[];
  /** The clock; tests pass a controlled one. */
  now?: () => Date;
  logger?: Pick<Console, "warn" | "error">;
  /** Outbox rows and runs claimed per statement. */
  batchSize?: number;
  /** Runs executed at the same time. */
  concurrency?: number;
  pollMs?: number;
  /** A run still `running` after this long is taken to be abandoned by a dead process. */
  leaseMs?: number;
  /**
   * No other process runs jobs on this database (the embedded PGlite: its folder is locked). A
   * run still `running` when this one starts was then a killed predecessor's, and is taken over
   * at once rather than after the lease.
   */
  isSoleProcess?: boolean;
}

export interface TickResult {
  dispatched: number;
  executed: number;
}

/** Rounds of dispatch → execute per tick; a tick ends earlier once nothing is due. */
const MAX_ROUNDS = 50;
const CRON_EVENT = "inngest/scheduled.timer";

function toJson<T>(value: T): T {
  return value === undefined ? (null as T) : (JSON.parse(JSON.stringify(value)) as T);
}

/** Thrown by a step adapter's sleep that is not over: the run is put aside until `until`. */
class Sleeping extends Error {
  constructor(readonly until: Date) {
    super(`Sleeping until ${until.toISOString()}`);
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Embedded mode: hands due outbox rows to the same function handlers in this process. Each
 * (event, function) becomes a job_runs row; a step's result is stored in job_steps so a retry
 * never repeats it; failures wait 10 s · 2^n and end `failed` after the function's retries. Crons
 * come from the same definitions, guarded by cron_ticks so two processes never run one tick twice.
 * A sleep puts the run aside (queued for its wake-up time, the attempt given back) and the next
 * attempt replays its finished steps, as Inngest does. No waitForEvent.
 */
export class EmbeddedRuntime {
  private readonly db: Db;
  private readonly now: () => Date;
  private readonly logger: Pick<Console, "warn" | "error">;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private isStartPending: boolean;
  private readonly jobsById: Map<string, Job>;
  private readonly subscriptions: Subscription[] = [];
  private readonly crons: { job: Job; schedule: CronSchedule }[] = [];
  private readonly lastCronTick = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private inFlight: Promise<void> | undefined;
  private isAgainRequested = false;
  private isStopping = false;

  constructor(options: EmbeddedRuntimeOptions) {
    this.db = options.db;
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? console;
    this.batchSize = options.batchSize ?? 200;
    this.concurrency = options.concurrency ?? 4;
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 15 * 60_000;
    this.isStartPending = options.isSoleProcess ?? false;
    const jobs = options.jobs.filter((job) => !job.isInngestOnly);
    this.jobsById = new Map(jobs.map((job) => [job.id, job]));
    for (const job of jobs) {
      if ("cron" in job.trigger) {
        this.crons.push({ job, schedule: parseCron(job.trigger.cron) });
      } else {
        for (const event of eventsOf(job)) this.subscriptions.push({ event, functionId: job.id, maxAttempts: maxAttemptsOf(job) });
      }
    }
  }

  /** Polls every pollMs, and at once when `notifyOutbox()` is called in this process. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref?.();
    setOutboxListener(() => this.kick());
    this.kick();
  }

  /**
   * Stops polling and waits for the work in hand: the runs already claimed finish and are marked
   * done, and no new round starts — nothing is left `running` for the next start to take over.
   */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    setOutboxListener(undefined);
    this.isAgainRequested = false;
    this.isStopping = true;
    try {
      await this.inFlight;
    } finally {
      this.isStopping = false;
    }
  }

  private kick(): void {
    if (this.inFlight) {
      this.isAgainRequested = true;
      return;
    }
    this.inFlight = this.tick()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error("[jobs] tick failed:", error))
      .finally(() => {
        this.inFlight = undefined;
        if (this.isAgainRequested && this.timer) {
          this.isAgainRequested = false;
          this.kick();
        }
      });
  }

  /** Does everything that is due now, follow-up events included, then returns. */
  async tick(): Promise<TickResult> {
    const total: TickResult = { dispatched: 0, executed: 0 };
    const functionIds = [...this.jobsById.keys()];
    await requeueAbandonedRuns(this.db, { now: this.now(), functionIds, isEveryRunAbandoned: this.isStartPending });
    this.isStartPending = false;
    await setAsideUnheardEvents(this.db, { now: this.now(), batchSize: this.batchSize * 5, subscriptions: this.subscriptions });
    for (let round = 0; round < MAX_ROUNDS && !this.isStopping; round++) {
      const { batchSize, leaseMs, subscriptions } = this;
      const dispatched = await dispatchDueEvents(this.db, { now: this.now(), batchSize, subscriptions });
      const scheduled = await this.scheduleCrons();
      const runs = await claimDueRuns(this.db, { now: this.now(), batchSize, leaseMs, functionIds });
      const completed: ClaimedRun[] = [];
      let executed = 0;
      for (let i = 0; i < runs.length; i += this.concurrency) {
        if (this.isStopping) {
          // The process is stopping: what has not started goes back to the queue, untouched.
          await releaseUnstartedRuns(this.db, runs.slice(i), this.now());
          break;
        }
        const chunk = runs.slice(i, i + this.concurrency);
        executed += chunk.length;
        const outcomes = await Promise.all(chunk.map((run) => this.execute(run)));
        completed.push(...chunk.filter((_, j) => outcomes[j]));
      }
      // Success is written for the batch at once: if the process dies before that, the run is
      // taken over and its finished steps are replayed, not repeated.
      await markRunsCompleted(this.db, completed, this.now());
      total.dispatched += dispatched;
      total.executed += executed;
      if (dispatched === 0 && scheduled === 0 && runs.length === 0) break;
    }
    return total;
  }

  /** The latest tick of each cron, if no process has taken it yet (a missed tick runs once on start). */
  private async scheduleCrons(): Promise<number> {
    const now = this.now();
    let scheduled = 0;
    for (const { job, schedule } of this.crons) {
      const tick = latestTick(schedule, now);
      if (!tick || this.lastCronTick.get(job.id) === tick.getTime()) continue;
      if (await claimCronTick(this.db, { functionId: job.id, tick, now, maxAttempts: maxAttemptsOf(job) })) scheduled++;
      this.lastCronTick.set(job.id, tick.getTime());
    }
    return scheduled;
  }

  private eventOf(run: ClaimedRun, job: Job): JobEvent<unknown> {
    if (run.outbox) return { id: run.outbox.id, name: run.outbox.name, data: run.outbox.data, ts: run.outbox.createdAt.getTime() };
    const cron = "cron" in job.trigger ? job.trigger.cron : "";
    return { id: run.id, name: CRON_EVENT, data: { cron }, ts: (run.scheduledFor ?? run.createdAt).getTime() };
  }

  /** Runs the function once; true when it succeeded, otherwise the failure is recorded. */
  private async execute(run: ClaimedRun): Promise<boolean> {
    const job = this.jobsById.get(run.functionId)!;
    try {
      await job.invoke(this.eventOf(run, job), await this.adapterFor(run));
      return true;
    } catch (error) {
      if (error instanceof Sleeping) {
        await postponeRun(this.db, run, error.until);
        return false;
      }
      const isFinal = error instanceof NonRetriableError || run.attempts >= run.maxAttempts;
      const now = this.now();
      this.logger.warn(`[jobs] ${run.functionId} attempt ${run.attempts}/${run.maxAttempts} failed:`, error);
      await recordRunFailure(this.db, run, {
        now,
        error: errorText(error),
        retryAt: isFinal ? null : new Date(now.getTime() + backoffMs(run.attempts)),
      });
      return false;
    }
  }

  /** Steps finished by an earlier attempt are replayed from job_steps, not run again. */
  private async adapterFor(run: ClaimedRun): Promise<StepAdapter> {
    // A first attempt has no finished steps: spare the query.
    const done = run.attempts > 1 ? await loadFinishedSteps(this.db, run.id) : new Map<string, unknown>();
    return {
      runId: run.id,
      isFinalAttempt: run.attempts >= run.maxAttempts,
      db: async () => this.db,
      run: async <T>(stepId: string, fn: () => Promise<T>): Promise<T> => {
        if (done.has(stepId)) return done.get(stepId) as T;
        const output = toJson(await fn());
        await saveFinishedStep(this.db, { runId: run.id, stepId, output, completedAt: this.now() });
        done.set(stepId, output);
        return output;
      },
      sleepUntil: async (stepId: string, at: Date): Promise<void> => {
        if (done.has(stepId)) return;
        if (at.getTime() > this.now().getTime()) throw new Sleeping(at);
        await saveFinishedStep(this.db, { runId: run.id, stepId, output: null, completedAt: this.now() });
        done.set(stepId, null);
      },
    };
  }
}
