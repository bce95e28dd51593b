import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { rank } from "./columns";
import { businesses } from "./businesses";
import { fields } from "./fields";
import { modules, statuses } from "./modules";
import { users } from "./users";
import { workspaces } from "./workspaces";

/**
 * A business's card in one module ("adatlap"). Module and status references are "no action": a
 * status with datasheets cannot disappear without them being moved (lib/modules/status-mutations.ts),
 * while deleting a whole workspace still cascades.
 *
 * A few facts are kept on the row, maintained by the services in the same transaction as the
 * change that moves them, so the list sorts and filters on one table with one index each:
 * the business name, the last contact, and the next open todo.
 */
export const datasheets = pgTable(
  "datasheets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    /** The business's name, copied on every rename: the list sorts by it without a join. */
    businessName: text("business_name").notNull(),
    statusId: uuid("status_id")
      .notNull()
      .references(() => statuses.id),
    /** Why the status is what it is (automatic module: the rule that fired). */
    statusReason: text("status_reason"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    responsibleUserId: uuid("responsible_user_id").references(() => users.id, { onDelete: "set null" }),
    /** SPEC §3.1 "contact": a todo done, or a call, meeting, email or note. Null: none yet. */
    lastContactAt: timestamp("last_contact_at", { withTimezone: true }),
    /** The earliest open todo (by deadline), for the list's "next todo" column. */
    nextTodoId: uuid("next_todo_id"),
    nextTodoDueAt: timestamp("next_todo_due_at", { withTimezone: true }),
    // The automatic sales module's facts (SPEC §3.1), kept by the commit point so the rule and the
    // daily checks read one row: the system fields' values, todo counts, and what email told us.
    /** System field Sales status: in_progress, closed_won, closed_lost; null: a marketing contact. */
    salesStatus: text("sales_status"),
    /** System field Qualification: target_group, not_target_group; null: not yet qualified. */
    qualification: text("qualification"),
    /** System field Entry: inquiry, subscriber, list. */
    entry: text("entry"),
    /** How it was made: `app` (a user in the app), `api`, or the system's reason (`import`, `seed`, …). Never changes. */
    createdVia: text("created_via").notNull().default("app"),
    openTodoCount: integer("open_todo_count").notNull().default(0),
    doneTodoCount: integer("done_todo_count").notNull().default(0),
    /** The latest deadline of an open todo ("an open todo due in the future" keeps it from Forgotten). */
    latestOpenTodoDueAt: timestamp("latest_open_todo_due_at", { withTimezone: true }),
    /** The earliest newsletter consent of the business or a contact person. */
    subscribedAt: timestamp("subscribed_at", { withTimezone: true }),
    /** The last open or click of an email sent to the datasheet. */
    lastEngagedAt: timestamp("last_engaged_at", { withTimezone: true }),
    /** The first unsubscribe, bounce or complaint of one of its addresses. */
    unreachableAt: timestamp("unreachable_at", { withTimezone: true }),
    /** Bumped by every change, for "changed meanwhile" checks (API `version`, 409). */
    version: integer("version").notNull().default(1),
    /** Who made the latest change (null: the system): named in "changed by X meanwhile". */
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** In the trash: hidden everywhere, restorable. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** Who moved it to the trash (null: the system, or a user since removed). */
    deletedByUserId: uuid("deleted_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The staircase's grouped count (and a restricted user's share of it) from the index alone.
    index("datasheets_workspace_module_status_idx")
      .on(t.workspaceId, t.moduleId, t.statusId, t.responsibleUserId)
      .where(sql`${t.deletedAt} is null`),
    // Also the list's status sort: each status's datasheets in id order (a status is one module's).
    index("datasheets_status_idx").on(t.statusId, t.id),
    index("datasheets_business_idx").on(t.businessId),
    // The list's sort orders, each with the id as the keyset tie-breaker.
    index("datasheets_module_status_contact_idx").on(t.moduleId, t.statusId, t.lastContactAt, t.id),
    index("datasheets_module_contact_idx").on(t.moduleId, t.lastContactAt, t.id),
    index("datasheets_module_name_idx").on(t.moduleId, t.businessName, t.id),
    index("datasheets_module_status_name_idx").on(t.moduleId, t.statusId, t.businessName, t.id),
    index("datasheets_module_next_todo_idx").on(t.moduleId, t.nextTodoDueAt, t.id),
    index("datasheets_module_created_idx").on(t.moduleId, t.createdAt, t.id),
    index("datasheets_module_responsible_idx").on(t.moduleId, t.responsibleUserId, t.id),
    // The daily status checks (lib/statuses/sweep.ts), each a range over its own index: sales by
    // the last contact, subscribers by their last sign of life.
    index("datasheets_sweep_contact_idx")
      .on(t.moduleId, t.statusId, sql`coalesce(${t.lastContactAt}, ${t.createdAt})`)
      .where(sql`${t.salesStatus} = 'in_progress' and ${t.deletedAt} is null`),
    index("datasheets_sweep_engaged_idx")
      .on(t.moduleId, t.statusId, sql`greatest(coalesce(${t.subscribedAt}, ${t.createdAt}), ${t.lastEngagedAt})`)
      .where(sql`${t.salesStatus} is null and ${t.entry} = 'subscriber' and ${t.deletedAt} is null`),
    index("datasheets_sweep_customers_idx").on(t.moduleId, t.statusId).where(sql`${t.salesStatus} = 'closed_won' and ${t.deletedAt} is null`),
    // The trash of a workspace: what a report over the history leaves out, without reading the rest.
    index("datasheets_trashed_idx").on(t.workspaceId, t.id).where(sql`${t.deletedAt} is not null`),
  ],
);

/** A task on a datasheet ("teendő"): done → it joins the history. */
export const todos = pgTable(
  "todos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    datasheetId: uuid("datasheet_id")
      .notNull()
      .references(() => datasheets.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    assigneeUserId: uuid("assignee_user_id").references(() => users.id, { onDelete: "set null" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Set by an automation step, never by hand. */
    automationId: uuid("automation_id"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    doneByUserId: uuid("done_by_user_id").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("todos_datasheet_idx").on(t.datasheetId, t.dueAt, t.id),
    index("todos_assignee_open_idx").on(t.assigneeUserId, t.dueAt).where(sql`${t.doneAt} is null`),
  ],
);

export const historyKindEnum = pgEnum("history_kind", [
  "note",
  "call",
  "meeting",
  "email_sent",
  "email_received",
  "todo_done",
  "status_changed",
  "system",
]);
export type HistoryKind = (typeof historyKindEnum.enumValues)[number];

/**
 * Past events of a datasheet ("előzmények"): what users logged, todos done, status changes,
 * emails. `occurredAt` is when it happened (a call logged afterwards), `createdAt` when it was
 * written down.
 */
export const historyEntries = pgTable(
  "history_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    datasheetId: uuid("datasheet_id")
      .notNull()
      .references(() => datasheets.id, { onDelete: "cascade" }),
    kind: historyKindEnum("kind").notNull(),
    body: text("body").notNull().default(""),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null: the system did it. */
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    todoId: uuid("todo_id").references(() => todos.id, { onDelete: "set null" }),
    emailId: uuid("email_id"),
    /** Kind-specific details, e.g. a status change's from/to. */
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("history_entries_datasheet_idx").on(t.datasheetId, t.occurredAt, t.id)],
);

/**
 * Every status change (SPEC §3.1), and the only record of one: from, to, the rule that fired, the
 * facts it saw, who (a user, or the system and why) and when. Written by one function
 * (lib/datasheets/status-changes.ts) for creation, manual and bulk moves, a status's removal and
 * the automatic rule; the datasheet's history and "why is this here" read it.
 */
export const statusChanges = pgTable(
  "status_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The workspace and the module are the datasheet's, copied by the one writer for the indexes
    // (the funnel, the API's filters): no foreign keys of their own. The datasheet's key carries
    // the cascade, and a daily run moving tens of thousands of datasheets checks one key a row,
    // not three (measured: status_checks_1m_pglite).
    workspaceId: uuid("workspace_id").notNull(),
    datasheetId: uuid("datasheet_id")
      .notNull()
      .references(() => datasheets.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id").notNull(),
    /** Null: the datasheet was created in `toStatusId`. */
    fromStatusId: uuid("from_status_id"),
    toStatusId: uuid("to_status_id").notNull(),
    fromKey: text("from_key"),
    toKey: text("to_key").notNull(),
    /** "manual", "created", "status_removed", or the rule of SPEC §3.1 that fired. */
    reason: text("reason").notNull(),
    /** What the rule saw (done todos, Qualification, …); a removal: the removed status's name. */
    facts: jsonb("facts").$type<Record<string, unknown>>().notNull().default({}),
    /** The user who made the change; null when the system did (then `actorSystem` says why). */
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** The system's reason for acting ("automation", "status_check", "import", …); null for a user. */
    actorSystem: text("actor_system"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("status_changes_datasheet_idx").on(t.datasheetId, t.at),
    index("status_changes_module_at_idx").on(t.moduleId, t.at),
  ],
);

/** An invoice's facts, which drive customer statuses (SPEC §3.1 rule 1). Not a billing system. */
export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    datasheetId: uuid("datasheet_id")
      .notNull()
      .references(() => datasheets.id, { onDelete: "cascade" }),
    number: text("number").notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    /** ISO 4217. */
    currency: text("currency").notNull().default("HUF"),
    issuedOn: date("issued_on").notNull(),
    dueOn: date("due_on"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invoices_workspace_number_key").on(t.workspaceId, t.number),
    index("invoices_datasheet_idx").on(t.datasheetId, t.issuedOn),
    // Rule 1 reads a datasheet's paid invoices by time (the 12-month window).
    index("invoices_datasheet_paid_idx").on(t.datasheetId, t.paidAt).where(sql`${t.paidAt} is not null`),
  ],
);

/**
 * A saved filter over a module's datasheets ("nézet"): the list's URL state as data. Personal
 * (owner only) or shared with the team. Automations match datasheets against the same filter.
 */
export const views = pgTable(
  "views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    isShared: boolean("is_shared").notNull().default(false),
    filter: jsonb("filter").$type<Record<string, unknown>>().notNull().default({}),
    columns: jsonb("columns").$type<string[]>(),
    position: rank("position").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("views_module_idx").on(t.moduleId, t.position, t.id)],
);

/** A user's chosen list columns per module. */
export const listPreferences = pgTable(
  "list_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    columns: jsonb("columns").$type<string[]>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.moduleId] })],
);

/**
 * Custom field values as typed rows: one row per datasheet and field, one per chosen option for a
 * multi select (`ordinal` keeps their order). Each type lands in a column of its own SQL type, so
 * filters compare dates as dates and numbers as numbers, and each column has a (field, value)
 * index. Mapping between field types and columns: lib/fields/storage.ts. Why not JSONB: README.
 */
export const datasheetValues = pgTable(
  "datasheet_values",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    datasheetId: uuid("datasheet_id")
      .notNull()
      .references(() => datasheets.id, { onDelete: "cascade" }),
    fieldId: uuid("field_id")
      .notNull()
      .references(() => fields.id, { onDelete: "cascade" }),
    ordinal: smallint("ordinal").notNull().default(0),
    /** text, email, phone, url, user (uuid), single/multi select (option key). Indexed. */
    textValue: text("text_value"),
    /** long text: up to 20,000 characters, too long for a btree entry, so never indexed. */
    longTextValue: text("long_text_value"),
    /** number, money amount. */
    numberValue: numeric("number_value"),
    dateValue: date("date_value"),
    timestampValue: timestamp("timestamp_value", { withTimezone: true }),
    boolValue: boolean("bool_value"),
    /** money: ISO 4217 code. */
    currency: text("currency"),
  },
  (t) => [
    primaryKey({ name: "datasheet_values_pkey", columns: [t.datasheetId, t.fieldId, t.ordinal] }),
    // Whole-field work: counting the datasheets that hold a value, removing a field.
    index("datasheet_values_field_idx").on(t.fieldId, t.datasheetId),
    // The datasheet id last lets a filter be answered from the index alone; partial, because each
    // row fills one typed column and the others would be dead weight.
    index("datasheet_values_text_idx").on(t.fieldId, t.textValue, t.datasheetId).where(sql`${t.textValue} is not null`),
    index("datasheet_values_number_idx").on(t.fieldId, t.numberValue, t.datasheetId).where(sql`${t.numberValue} is not null`),
    index("datasheet_values_date_idx").on(t.fieldId, t.dateValue, t.datasheetId).where(sql`${t.dateValue} is not null`),
    index("datasheet_values_timestamp_idx")
      .on(t.fieldId, t.timestampValue, t.datasheetId)
      .where(sql`${t.timestampValue} is not null`),
    index("datasheet_values_bool_idx").on(t.fieldId, t.boolValue, t.datasheetId).where(sql`${t.boolValue} is not null`),
  ],
);

export type Datasheet = typeof datasheets.$inferSelect;
export type DatasheetValue = typeof datasheetValues.$inferSelect;
export type Todo = typeof todos.$inferSelect;
export type HistoryEntry = typeof historyEntries.$inferSelect;
export type StatusChange = typeof statusChanges.$inferSelect;
export type Invoice = typeof invoices.$inferSelect;
export type View = typeof views.$inferSelect;
