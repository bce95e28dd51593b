import "server-only";
import { cron, NonRetriableError, type EventType, type InngestFunction, type StandardSchemaV1 } from "inngest";
import { getDb, type Db } from "@/db/client";
import { inngest } from "@/inngest/client";
import { emit as emitToOutbox, eventIdFor, notifyOutbox, type EmitOptions, type OutgoingEvent } from "./outbox";

/** Inngest's default, so a function behaves the same in both modes. */
export const DEFAULT_RETRIES = 4;

export type Retries = NonNullable<InngestFunction.Options["retries"]>;

export interface JobEvent<TData> {
  id: string;
  name: string;
  data: TData;
  /** Milliseconds since the epoch: when the event was recorded (a cron run: its tick). */
  ts: number;
}

/** What a function sees, in either mode. */
export interface JobContext<TData> {
  event: JobEvent<TData>;
  /**
   * Runs `fn` at most once per run: a retried run gets the stored result back instead. Put every
   * side effect inside a step. The result is stored as JSON (a Date comes back as a string).
   */
  run<T>(stepId: string, fn: () => Promise<T>): Promise<T>;
  /** Records a follow-up event in the outbox, once per run, optionally for later. */
  emit(event: OutgoingEvent, options?: Pick<EmitOptions, "deliverAt" | "workspaceId">): Promise<void>;
  /**
   * Waits until `at` (Inngest's `step.sleepUntil`): the run is put aside and resumed then, its
   * finished steps replayed. Re-read the database after it: anything may have changed meanwhile.
   */
  sleepUntil(stepId: string, at: Date): Promise<void>;
  /** This attempt is the run's last: if it fails, no retry follows (a job records the failure where its users see it). */
  isFinalAttempt: boolean;
}

/**
 * The thin adapter each mode provides: a memoised step, a memoised sleep, the run's id and the
 * database holding the outbox. No waitForEvent.
 */
export interface StepAdapter {
  runId: string;
  run<T>(stepId: string, fn: () => Promise<T>): Promise<T>;
  sleepUntil(stepId: string, at: Date): Promise<void>;
  db(): Promise<Db>;
  isFinalAttempt: boolean;
}

/** An event, several events (the same function hears each), or a cron. */
export type JobTrigger = { event: string } | { events: string[] } | { cron: string };

/** The events a job listens to (none for a cron). */
export function eventsOf(job: Pick<Job, "trigger">): string[] {
  if ("event" in job.trigger) return [job.trigger.event];
  return "events" in job.trigger ? job.trigger.events : [];
}

export interface Job {
  id: string;
  trigger: JobTrigger;
  retries: Retries;
  /** Plumbing that exists only in Inngest mode (the outbox relay). */
  isInngestOnly: boolean;
  /** Validates the payload, then runs the handler with the mode's adapter. */
  invoke(event: JobEvent<unknown>, adapter: StepAdapter): Promise<unknown>;
  /** The same job as an Inngest function, for `serve`. */
  inngestFunction: InngestFunction.Any;
}

interface JobOptions {
  id: string;
  retries?: Retries;
  isInngestOnly?: boolean;
}

type AnySchema = StandardSchemaV1<Record<string, unknown>>;
type AnyEventType = EventType<string, AnySchema | undefined>;
/** The payload of any of the event types (for a job that hears several). */
type PayloadOf<E> = E extends EventType<string, infer S> ? (S extends AnySchema ? StandardSchemaV1.InferOutput<S> : never) : never;

async function parsePayload(schema: AnySchema | undefined, event: JobEvent<unknown>): Promise<unknown> {
  if (!schema) return event.data;
  const result = await schema["~standard"].validate(event.data);
  if (!result.issues) return result.value;
  const issues = result.issues.map((i) => (i.path?.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join(", ");
  // A payload that does not parse will not parse on a retry either.
  throw new NonRetriableError(`Invalid payload for "${event.name}": ${issues}`);
}

/** An event the job does not listen to: it will not parse on a retry either. */
function unknownEvent(event: JobEvent<unknown>): never {
  throw new NonRetriableError(`Unexpected event "${event.name}"`);
}

function createContext(event: JobEvent<unknown>, adapter: StepAdapter): JobContext<unknown> {
  // Like Inngest, a step id used twice in one run gets a suffix, so both steps are kept.
  const seen = new Map<string, number>();
  const unique = (stepId: string) => {
    const n = seen.get(stepId) ?? 0;
    seen.set(stepId, n + 1);
    return n ? `${stepId}:${n}` : stepId;
  };
  return {
    event,
    isFinalAttempt: adapter.isFinalAttempt,
    run: (stepId, fn) => adapter.run(unique(stepId), fn),
    sleepUntil: (stepId, at) => adapter.sleepUntil(unique(stepId), at),
    async emit(outgoing, options = {}) {
      const stepId = unique(`emit:${outgoing.name}`);
      await adapter.run(stepId, async () => {
        const db = await adapter.db();
        // Follow-ups go through the outbox in both modes; the derived id makes a repeat a no-op.
        await db.transaction((tx) => emitToOutbox(tx, outgoing, { ...options, id: eventIdFor(adapter.runId, stepId) }));
        return null;
      });
      notifyOutbox();
    },
  };
}

/**
 * One definition, two runtimes: the Inngest function served at /api/inngest, and the handler the
 * embedded runtime calls. Functions in inngest/functions/ stay thin: they call lib/ services
 * inside `run`.
 */
export function defineJob<S extends AnySchema>(
  options: JobOptions & { trigger: { event: EventType<string, S> } },
  handler: (ctx: JobContext<StandardSchemaV1.InferOutput<S>>) => Promise<unknown>,
): Job;
export function defineJob<const E extends readonly AnyEventType[]>(
  options: JobOptions & { trigger: { events: E } },
  handler: (ctx: JobContext<PayloadOf<E[number]>>) => Promise<unknown>,
): Job;
export function defineJob(
  options: JobOptions & { trigger: { cron: string } },
  handler: (ctx: JobContext<{ cron: string }>) => Promise<unknown>,
): Job;
export function defineJob(
  options: JobOptions & { trigger: { event: AnyEventType } | { events: readonly AnyEventType[] } | { cron: string } },
  handler: (ctx: JobContext<never>) => Promise<unknown>,
): Job {
  const { id, retries = DEFAULT_RETRIES, isInngestOnly = false } = options;
  const eventTypes = "event" in options.trigger ? [options.trigger.event] : "events" in options.trigger ? [...options.trigger.events] : [];
  const trigger: JobTrigger =
    "event" in options.trigger
      ? { event: options.trigger.event.name }
      : "events" in options.trigger
        ? { events: eventTypes.map((e) => e.name) }
        : { cron: options.trigger.cron };

  const invoke = async (event: JobEvent<unknown>, adapter: StepAdapter) => {
    // A cron has no payload schema; an event's is its type's (of several: the one of its name).
    const type = eventTypes.length > 1 ? (eventTypes.find((e) => e.name === event.name) ?? unknownEvent(event)) : eventTypes[0];
    const data = await parsePayload(type?.schema, event);
    return handler(createContext({ ...event, data }, adapter) as JobContext<never>);
  };

  const inngestFunction = inngest.createFunction(
    { id, retries, triggers: eventTypes.length ? eventTypes : [cron((trigger as { cron: string }).cron)] },
    async ({ event, step, runId, attempt }) =>
      invoke(
        { id: event.id ?? runId, name: event.name, data: event.data, ts: event.ts ?? Date.now() },
        {
          runId,
          // Inngest counts attempts from 0: the last is number `retries`.
          isFinalAttempt: attempt >= (typeof retries === "number" ? retries : DEFAULT_RETRIES),
          db: getDb,
          run: <T>(stepId: string, fn: () => Promise<T>) => step.run(stepId, fn) as Promise<T>,
          sleepUntil: async (stepId: string, at: Date) => {
            await step.sleepUntil(stepId, at);
          },
        },
      ),
  ) as unknown as InngestFunction.Any;

  return { id, trigger, retries, isInngestOnly, invoke, inngestFunction };
}

export function maxAttemptsOf(job: Pick<Job, "retries">): number {
  return job.retries + 1;
}
