import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { rank } from "./columns";
import { workspaces } from "./workspaces";

export const moduleKindEnum = pgEnum("module_kind", ["sales_auto", "sales_manual", "customer_service", "projects", "empty"]);
export type ModuleKind = (typeof moduleKindEnum.enumValues)[number];

/** A business process (Sales, Support, Projects…). Archived, never deleted: its datasheets stay. */
export const modules = pgTable(
  "modules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: moduleKindEnum("kind").notNull(),
    position: rank("position").notNull(),
    /** The automatic sales module's rule settings (lib/statuses/settings.ts); null elsewhere. */
    ruleSettings: jsonb("rule_settings").$type<Record<string, unknown>>(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("modules_workspace_position_idx").on(t.workspaceId, t.position, t.id)],
);

/** A band of statuses ("Marketing", "Sales"…). System groups belong to the automatic module. */
export const statusGroups = pgTable(
  "status_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    /** Stable: set once from the template or the first name, never changed by a rename. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    position: rank("position").notNull(),
    isSystem: boolean("is_system").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("status_groups_module_key_key").on(t.moduleId, t.key),
    index("status_groups_module_position_idx").on(t.moduleId, t.position, t.id),
  ],
);

/**
 * One step of a module's process. A system status (keyed, of the automatic module) can be renamed,
 * recoloured and reordered inside its group, but neither removed nor moved to another group.
 */
export const statuses = pgTable(
  "statuses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    // No action (checked at the end of the statement), so a cascade from the module passes while
    // removing a group that still has statuses fails.
    groupId: uuid("group_id")
      .notNull()
      .references(() => statusGroups.id),
    /** Stable: the API filters by it (`status=<key>`) and the automatic rule returns it. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    /** `#rrggbb`, lower case. */
    color: text("color").notNull(),
    position: rank("position").notNull(),
    isSystem: boolean("is_system").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("statuses_module_key_key").on(t.moduleId, t.key),
    index("statuses_group_position_idx").on(t.groupId, t.position, t.id),
    index("statuses_module_idx").on(t.moduleId),
  ],
);

export type Module = typeof modules.$inferSelect;
export type StatusGroup = typeof statusGroups.$inferSelect;
export type Status = typeof statuses.$inferSelect;

/**
 * The automatic module's daily status checks (SPEC §3.2), one row a module and local day: the row
 * is the claim (two processes never run a day twice) and what Settings shows of the last run.
 */
export const statusCheckRuns = pgTable(
  "status_check_runs",
  {
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    /** The day in the workspace's time zone. */
    day: date("day").notNull(),
    /** Who ran it: null for the daily job, else the admin who chose "Run now". */
    ranByUserId: uuid("ran_by_user_id"),
    moved: integer("moved").notNull().default(0),
    finishedAt: timestamp("finished_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.moduleId, t.day] })],
);
