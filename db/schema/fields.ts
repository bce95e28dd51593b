import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { rank } from "./columns";
import { modules } from "./modules";
import { workspaces } from "./workspaces";

export const fieldTypeEnum = pgEnum("field_type", [
  "text",
  "long_text",
  "number",
  "money",
  "date",
  "datetime",
  "single_select",
  "multi_select",
  "checkbox",
  "email",
  "phone",
  "url",
  "user",
]);
export type FieldType = (typeof fieldTypeEnum.enumValues)[number];

/** Per-type settings. Money: the currency a new value gets when none is given. */
export interface FieldSettings {
  defaultCurrency?: string;
}

/** A custom (or, in the automatic module, system) field of a module's datasheets. */
export const fields = pgTable(
  "fields",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    /**
     * Generated from the first label (`company_size`, `company_size_2`) and never changed, so
     * views, automations, import mappings and the API keep working after a rename. Unique also
     * against archived fields, so restoring one never collides.
     */
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: fieldTypeEnum("type").notNull(),
    helpText: text("help_text").notNull().default(""),
    isRequired: boolean("is_required").notNull().default(false),
    isSystem: boolean("is_system").notNull().default(false),
    position: rank("position").notNull(),
    settings: jsonb("settings").$type<FieldSettings>().notNull().default({}),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("fields_module_key_key").on(t.moduleId, t.key),
    index("fields_module_position_idx").on(t.moduleId, t.position, t.id),
  ],
);

/**
 * A choice of a single or multi select field. Values store the option's key, so a rename needs no
 * update of the datasheets. System options (e.g. Sales status `closed_won`) cannot be removed.
 */
export const fieldOptions = pgTable(
  "field_options",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    fieldId: uuid("field_id")
      .notNull()
      .references(() => fields.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    position: rank("position").notNull(),
    isSystem: boolean("is_system").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("field_options_field_key_key").on(t.fieldId, t.key),
    index("field_options_field_position_idx").on(t.fieldId, t.position, t.id),
  ],
);

export type Field = typeof fields.$inferSelect;
export type FieldOption = typeof fieldOptions.$inferSelect;
