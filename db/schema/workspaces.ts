import { bigint, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const localeEnum = pgEnum("locale", ["en", "hu"]);

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  locale: localeEnum("locale").notNull().default("en"),
  /** IANA zone the workspace lives in: its days and months (the daily status checks, "30 days"). */
  timeZone: text("time_zone").notNull().default("Europe/Budapest"),
  /** ISO 4217: the currency of an amount entered without one (invoices, money fields). */
  currency: text("currency").notNull().default("HUF"),
  /** The display name outgoing email is sent under (null: EMAIL_FROM's own name). */
  emailSenderName: text("email_sender_name"),
  /** Where replies to outgoing email go (null: the sender's address). */
  emailReplyTo: text("email_reply_to"),
  /** Days a trashed datasheet is kept before the daily purge deletes it for good. */
  trashRetentionDays: integer("trash_retention_days").notNull().default(30),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Workspace = typeof workspaces.$inferSelect;

/**
 * The version of what every member of a workspace sees alike — its modules, status groups,
 * statuses, fields, options and team — the key of the app's configuration cache
 * (lib/workspaces/config.ts). Triggers on those tables (migration 0019) raise it when the change
 * commits, so no code path can forget it and every app process sees it on its next request. A
 * table of its own, not a column of `workspaces`: the workspace row is the first lock of every
 * settings change (lib/modules/scope.ts), this one is taken last, at commit.
 */
export const workspaceConfigVersions = pgTable("workspace_config_versions", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  version: bigint("version", { mode: "number" }).notNull().default(0),
});
