import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { localeEnum, workspaces } from "./workspaces";

export const roleEnum = pgEnum("user_role", ["admin", "manager", "normal", "restricted"]);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Stored lower-cased: the login, unique across the whole installation. */
    email: text("email").notNull(),
    familyName: text("family_name").notNull(),
    givenName: text("given_name").notNull(),
    role: roleEnum("role").notNull(),
    passwordHash: text("password_hash"),
    isActive: boolean("is_active").notNull().default(true),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    /** Bumped when every other session of the user must end (password change). */
    sessionVersion: integer("session_version").notNull().default(1),
    /** Null: the workspace language. */
    locale: localeEnum("locale"),
    /** Markdown, rendered into outgoing emails. */
    signature: text("signature").notNull().default(""),
    avatar: bytea("avatar"),
    avatarMime: text("avatar_mime"),
    avatarUpdatedAt: timestamp("avatar_updated_at", { withTimezone: true }),
    /** When the user last opened My day, and the visit before (lib/dashboards/my-day.ts: "since my last visit"). */
    myDaySeenAt: timestamp("my_day_seen_at", { withTimezone: true }),
    myDayPreviousSeenAt: timestamp("my_day_previous_seen_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_workspace_idx").on(t.workspaceId, t.isActive),
  ],
);

export type User = typeof users.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
