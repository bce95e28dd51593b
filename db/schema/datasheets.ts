import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { fields } from "./fields";
import { modules, statuses } from "./modules";
import { users } from "./users";
import { workspaces } from "./workspaces";

/**
 * A business's card in one module. Minimal for now: the datasheets issue adds the business,
 * contacts, todos and history. Module and status references are "no action": a status with
 * datasheets cannot disappear without them being moved (lib/modules/status-mutations.ts), while
 * deleting a whole workspace still cascades.
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
    statusId: uuid("status_id")
      .notNull()
      .references(() => statuses.id),
    responsibleUserId: uuid("responsible_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Bumped by every change, for "changed meanwhile" checks (API `version`, 409). */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("datasheets_workspace_module_status_idx").on(t.workspaceId, t.moduleId, t.statusId),
    index("datasheets_status_idx").on(t.statusId),
  ],
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
