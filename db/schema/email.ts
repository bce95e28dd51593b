import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { datasheets } from "./datasheets";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const emailKindEnum = pgEnum("email_kind", ["transactional", "marketing"]);
export const emailStatusEnum = pgEnum("email_status", [
  "queued",
  "sent",
  "delivered",
  "failed",
  "bounced",
  "complained",
]);

/**
 * Every email the app sends, stored before it is handed over (to Resend, or only kept here: the
 * embedded outbox the mailbox page shows). One row per idempotency key: a retried job finds the
 * row and never sends twice.
 */
export const emails = pgTable(
  "emails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: emailKindEnum("kind").notNull().default("transactional"),
    /** The React Email template's name, e.g. "invitation". */
    template: text("template").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    datasheetId: uuid("datasheet_id").references(() => datasheets.id, { onDelete: "set null" }),
    automationId: uuid("automation_id"),
    senderUserId: uuid("sender_user_id").references(() => users.id, { onDelete: "set null" }),
    recipientUserId: uuid("recipient_user_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    fromAddress: text("from_address").notNull(),
    replyTo: text("reply_to"),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    /** The target URLs of the email's tracked links: a click can only lead to one of these. */
    links: jsonb("links").$type<string[]>().notNull().default([]),
    status: emailStatusEnum("status").notNull().default("queued"),
    providerId: text("provider_id"),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    clickedAt: timestamp("clicked_at", { withTimezone: true }),
    bouncedAt: timestamp("bounced_at", { withTimezone: true }),
    complainedAt: timestamp("complained_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("emails_idempotency_key").on(t.workspaceId, t.idempotencyKey),
    index("emails_workspace_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("emails_datasheet_idx").on(t.datasheetId, t.createdAt),
    index("emails_provider_idx").on(t.providerId),
    index("emails_sender_idx").on(t.senderUserId, t.createdAt),
    index("emails_recipient_idx").on(t.recipientUserId, t.createdAt),
  ],
);

export const emailEventTypeEnum = pgEnum("email_event_type", [
  "sent",
  "delivered",
  "opened",
  "clicked",
  "unsubscribed",
  "bounced",
  "complained",
]);

/**
 * What happened to an email after it left: opens, clicks, unsubscribes (ours), deliveries,
 * bounces and complaints (Resend's webhooks). A webhook delivery is stored once by its svix id, so
 * a replay changes nothing twice.
 */
export const emailEvents = pgTable(
  "email_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    emailId: uuid("email_id")
      .notNull()
      .references(() => emails.id, { onDelete: "cascade" }),
    type: emailEventTypeEnum("type").notNull(),
    url: text("url"),
    /** The webhook's `svix-id`: unique, so a replayed delivery is recognised. */
    providerEventId: text("provider_event_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_events_provider_event_key").on(t.providerEventId),
    index("email_events_email_idx").on(t.emailId, t.at),
  ],
);

export const suppressionReasonEnum = pgEnum("suppression_reason", ["unsubscribed", "bounced", "complained"]);

/** Addresses that get no more marketing email from this workspace, and why. */
export const emailSuppressions = pgTable(
  "email_suppressions",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Lower-cased. */
    address: text("address").notNull(),
    reason: suppressionReasonEnum("reason").notNull(),
    emailId: uuid("email_id").references(() => emails.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.address] })],
);

export const userTokenPurposeEnum = pgEnum("user_token_purpose", ["invitation", "password_reset"]);

/**
 * One-time links to set a password. Only the SHA-256 of the token is stored; the link carries the
 * token itself. Used once, and never after `expiresAt`.
 */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: userTokenPurposeEnum("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("user_tokens_hash_key").on(t.tokenHash), index("user_tokens_user_idx").on(t.userId, t.purpose)],
);

export type Email = typeof emails.$inferSelect;
export type EmailStatus = (typeof emailStatusEnum.enumValues)[number];
export type EmailEvent = typeof emailEvents.$inferSelect;
export type UserToken = typeof userTokens.$inferSelect;
