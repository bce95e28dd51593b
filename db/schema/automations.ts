import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { datasheets, views } from "./datasheets";
import { modules, statuses } from "./modules";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const automationTriggerEnum = pgEnum("automation_trigger", ["status_entered", "view_matched"]);
export type AutomationTrigger = (typeof automationTriggerEnum.enumValues)[number];

export const automationStepKindEnum = pgEnum("automation_step_kind", ["email_client", "email_user", "todo_user"]);
export type AutomationStepKind = (typeof automationStepKindEnum.enumValues)[number];

export const automationRunStatusEnum = pgEnum("automation_run_status", ["pending", "done", "skipped", "failed"]);
export type AutomationRunStatus = (typeof automationRunStatusEnum.enumValues)[number];

/**
 * An automation of a module (SPEC §4): a trigger and ordered steps. Switched off until an admin
 * activates it; `activatedAt` is when it last was, so status changes from before do not fire it.
 * Deleted means in the trash (`deletedAt`), restorable.
 */
export const automations = pgTable(
  "automations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    trigger: automationTriggerEnum("trigger").notNull().default("status_entered"),
    /** Entering this status (trigger `status_entered`). A removed status leaves the automation without a trigger. */
    statusId: uuid("status_id").references(() => statuses.id, { onDelete: "set null" }),
    /** Matching this view (trigger `view_matched`), checked daily at `scheduleMinute` workspace time. */
    viewId: uuid("view_id").references(() => views.id, { onDelete: "set null" }),
    /** Minutes after local midnight of the daily check (0–1439). */
    scheduleMinute: smallint("schedule_minute").notNull().default(540),
    /** A matching datasheet runs again after this many days; null: once per automation. */
    repeatDays: smallint("repeat_days"),
    /** Set on activation, null when switched off. */
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    /**
     * The scheduled view check (its instant) this automation last ran: claimed in the check's
     * transaction, so two processes or a re-run never check the same one twice.
     */
    lastCheckAt: timestamp("last_check_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** The default a module template seeded (e.g. `sales_auto.awaiting_processing`), else null. */
    seedKey: text("seed_key"),
    version: integer("version").notNull().default(1),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("automations_module_idx").on(t.moduleId, t.createdAt),
    // The runtime's question: the active automations entering this status.
    index("automations_active_status_idx").on(t.statusId).where(sql`${t.activatedAt} is not null and ${t.deletedAt} is null`),
    // The view checks' question, every few minutes: the active automations matching a view.
    index("automations_active_view_idx")
      .on(t.workspaceId)
      .where(sql`${t.trigger} = 'view_matched' and ${t.activatedAt} is not null and ${t.deletedAt} is null`),
    // A module's defaults exist once (lib/automations/defaults.ts, migration 0018).
    uniqueIndex("automations_seed_key_idx").on(t.moduleId, t.seedKey).where(sql`${t.seedKey} is not null`),
  ],
);

/** Settings of a step, by kind (lib/automations/schemas.ts validates them). */
export type AutomationStepSettings = {
  templateId?: string | null;
  /** email_user / todo_user: who. */
  recipient?: "responsible" | "user" | "role";
  userId?: string | null;
  role?: "admin" | "manager" | "normal" | "restricted" | null;
  text?: string;
  dueDays?: number;
};

/** One step of an automation, in order; its id is kept across edits (runs are keyed by it). */
export const automationSteps = pgTable(
  "automation_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    automationId: uuid("automation_id")
      .notNull()
      .references(() => automations.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: automationStepKindEnum("kind").notNull(),
    /** Waited before this step, after the one before (or the trigger). */
    delayMinutes: integer("delay_minutes").notNull().default(0),
    settings: jsonb("settings").$type<AutomationStepSettings>().notNull().default({}),
  },
  (t) => [index("automation_steps_automation_idx").on(t.automationId, t.position)],
);

/**
 * One step for one datasheet and one trigger: planned (`pending`, with when it is due), then done,
 * skipped or failed with its result. The unique key is the guarantee that a step never runs twice
 * for the same datasheet and trigger, whatever the retries and duplicate events.
 */
export const automationStepRuns = pgTable(
  "automation_step_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    automationId: uuid("automation_id")
      .notNull()
      .references(() => automations.id, { onDelete: "cascade" }),
    /** No foreign key: a step removed later keeps its runs' record. */
    stepId: uuid("step_id").notNull(),
    stepKind: automationStepKindEnum("step_kind").notNull(),
    stepPosition: integer("step_position").notNull(),
    datasheetId: uuid("datasheet_id")
      .notNull()
      .references(() => datasheets.id, { onDelete: "cascade" }),
    /** The status change that entered the status, or `view:<local day>` for a view match. */
    triggerKey: text("trigger_key").notNull(),
    triggeredAt: timestamp("triggered_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    status: automationRunStatusEnum("status").notNull().default("pending"),
    /** Why it was skipped or failed (a message code), or what it did: `{ emails, todoId }`. */
    reason: text("reason"),
    result: jsonb("result").$type<Record<string, unknown>>(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("automation_step_runs_once_key").on(t.datasheetId, t.automationId, t.stepId, t.triggerKey),
    index("automation_step_runs_datasheet_idx").on(t.datasheetId, t.dueAt),
    index("automation_step_runs_automation_idx").on(t.automationId, t.datasheetId, t.triggeredAt),
  ],
);

/**
 * Which datasheet a view-matching automation has handled, and when (SPEC §4: each datasheet once
 * per automation, or again after `repeatDays`). The primary key is the guarantee: a check inserts
 * the matching datasheets here, and an existing row is taken again only when the automation repeats
 * and its `matchedOn` is at least that many local days before the check's — two processes or a
 * re-run of the same check find the row taken and plan nothing.
 */
export const automationViewMatches = pgTable(
  "automation_view_matches",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    automationId: uuid("automation_id")
      .notNull()
      .references(() => automations.id, { onDelete: "cascade" }),
    datasheetId: uuid("datasheet_id")
      .notNull()
      .references(() => datasheets.id, { onDelete: "cascade" }),
    /** The check it last matched in: `view:<local day>`, the trigger key of the step runs it started. */
    triggerKey: text("trigger_key").notNull(),
    /** That check's local day in the workspace's zone: a repeat counts days from it. */
    matchedOn: date("matched_on").notNull(),
    /** When it was last handled (the check's run). */
    matchedAt: timestamp("matched_at", { withTimezone: true }).notNull(),
    firstMatchedAt: timestamp("first_matched_at", { withTimezone: true }).notNull(),
    /** How many times it was handled. */
    times: integer("times").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.automationId, t.datasheetId] })],
);

export type Automation = typeof automations.$inferSelect;
export type AutomationStep = typeof automationSteps.$inferSelect;
export type AutomationStepRun = typeof automationStepRuns.$inferSelect;
export type AutomationViewMatch = typeof automationViewMatches.$inferSelect;
