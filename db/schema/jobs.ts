import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

/**
 * The transactional outbox: domain code records an event here in the same transaction as the
 * change that caused it; a relay hands due rows to Inngest or to the embedded runtime.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Null for system events. */
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    /** Not handed on before this moment ("in 3 days"). */
    deliverAt: timestamp("deliver_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Handed to Inngest, or turned into job runs by the embedded runtime. */
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    /** Inngest mode: a relay holds the row while it sends it, so two relays do not both send. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [
    index("outbox_events_due_idx").on(t.deliverAt).where(sql`dispatched_at is null`),
    index("outbox_events_dispatched_idx").on(t.dispatchedAt),
  ],
);

export const jobRunStatusEnum = pgEnum("job_run_status", ["queued", "running", "completed", "failed"]);

/**
 * Embedded mode: one run of one function for one event (or one cron tick). A run waiting for its
 * next attempt is `queued` with the last error kept; `failed` is final until an admin retries it.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Null for a cron run. */
    outboxEventId: uuid("outbox_event_id").references(() => outboxEvents.id, { onDelete: "cascade" }),
    functionId: text("function_id").notNull(),
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    status: jobRunStatusEnum("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    /** The function's retries + 1 when the run was created; an admin's retry adds one more. */
    maxAttempts: integer("max_attempts").notNull(),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** While running: after this moment the run is taken to be abandoned (its process died). */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** A cron run: the tick it stands for. */
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One event runs each function once, however often it is relayed.
    unique("job_runs_event_function_key").on(t.outboxEventId, t.functionId),
    index("job_runs_due_idx").on(t.status, t.nextAttemptAt),
    index("job_runs_workspace_idx").on(t.workspaceId, t.createdAt),
  ],
);

/** A finished step's result: a retried run replays it instead of running the step again. */
export const jobSteps = pgTable(
  "job_steps",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => jobRuns.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    output: jsonb("output"),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId] })],
);

/** Embedded crons: the process that inserts a tick first runs it; the others find it taken. */
export const cronTicks = pgTable(
  "cron_ticks",
  {
    functionId: text("function_id").notNull(),
    tickAt: timestamp("tick_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.functionId, t.tickAt] })],
);

export type OutboxEvent = typeof outboxEvents.$inferSelect;
export type JobRun = typeof jobRuns.$inferSelect;
export type JobRunStatus = (typeof jobRunStatusEnum.enumValues)[number];
