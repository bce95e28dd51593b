import { boolean, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** Every sign-in attempt, kept so that throttling holds across restarts and instances. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    isSuccess: boolean("is_success").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_email_idx").on(t.email, t.at), index("login_attempts_ip_idx").on(t.ip, t.at)],
);

/**
 * A lock until a time on an account tried from one address ("pair", key `<address>|<email>`), on
 * an address ("ip"), or on an account for the addresses it is not known from ("email"); the
 * policy is in lib/auth/throttle.ts.
 */
export const loginLocks = pgTable(
  "login_locks",
  {
    kind: text("kind", { enum: ["pair", "email", "ip"] }).notNull(),
    key: text("key").notNull(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] })],
);

/**
 * Sessions ended by signing out. A session is a signed cookie the server does not store, so
 * deleting the cookie alone would leave a copy valid: one re-set by a request that was still on its
 * way when the user signed out, or one taken from the browser. Each session carries an id (`sid`);
 * a signed-out one is listed here until it would have expired anyway, and is refused.
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("revoked_sessions_expires_idx").on(t.expiresAt)],
);
