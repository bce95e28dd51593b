import { pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const localeEnum = pgEnum("locale", ["en", "hu"]);

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  locale: localeEnum("locale").notNull().default("en"),
  /** IANA zone the workspace lives in: its days and months (the daily status checks, "30 days"). */
  timeZone: text("time_zone").notNull().default("Europe/Budapest"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Workspace = typeof workspaces.$inferSelect;
