import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { datasheets } from "./datasheets";
import { modules } from "./modules";
import { users } from "./users";
import { workspaces } from "./workspaces";

/**
 * An email template of a module (SPEC §4): a subject and a Markdown body with merge fields
 * (`{{business.name}}`, `{{field.<key>}}`, `{{sender.signature}}`…, lib/email-templates/merge-fields.ts).
 * A module's: its `{{field.<key>}}` are that module's fields. Automations' steps and newsletters name
 * it by id. Deleted means in the trash (`deletedAt`): a step that names it then fails, naming why.
 */
export const emailTemplates = pgTable(
  "email_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    subject: text("subject").notNull(),
    /** Markdown with merge fields. */
    body: text("body").notNull(),
    /** The default a module template seeded (e.g. `sales_auto.request_received`), else null. */
    seedKey: text("seed_key"),
    version: integer("version").notNull().default(1),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id, { onDelete: "set null" }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("email_templates_workspace_idx").on(t.workspaceId, t.moduleId, t.name),
    // A module's default templates exist once (lib/automations/defaults.ts, migration 0018).
    uniqueIndex("email_templates_seed_key_idx").on(t.moduleId, t.seedKey).where(sql`${t.seedKey} is not null`),
  ],
);

export const newsletterAudienceEnum = pgEnum("newsletter_audience", ["status", "status_group", "view"]);
export type NewsletterAudience = (typeof newsletterAudienceEnum.enumValues)[number];

export const newsletterStateEnum = pgEnum("newsletter_state", ["scheduled", "sending", "sent", "cancelled", "failed"]);
export type NewsletterState = (typeof newsletterStateEnum.enumValues)[number];

/**
 * A template sent to every datasheet of a status, a status group or a view at a chosen time, in
 * batches by the jobs runtime. The audience is read when sending starts; the recipients and the
 * progress figures are kept below.
 */
export const newsletters = pgTable(
  "newsletters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    templateId: uuid("template_id")
      .notNull()
      .references(() => emailTemplates.id),
    audience: newsletterAudienceEnum("audience").notNull(),
    /** The status, status group or view (by `audience`); checked against the module when scheduled. */
    audienceId: uuid("audience_id").notNull(),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    state: newsletterStateEnum("state").notNull().default("scheduled"),
    /** Addresses chosen when sending started (active, consented, not suppressed). */
    recipientCount: integer("recipient_count"),
    sentCount: integer("sent_count").notNull().default(0),
    /** Addresses left out when sending started or found suppressed meanwhile. */
    skippedCount: integer("skipped_count").notNull().default(0),
    error: text("error"),
    /** Who scheduled it: the sender (signature, `{{sender.name}}`). */
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("newsletters_workspace_idx").on(t.workspaceId, t.scheduledAt),
    index("newsletters_due_idx")
      .on(t.scheduledAt)
      .where(sql`${t.state} in ('scheduled', 'sending')`),
  ],
);

export const newsletterRecipientStateEnum = pgEnum("newsletter_recipient_state", ["pending", "sent", "skipped"]);

/**
 * One address of a newsletter: the primary key is the guarantee that nobody gets it twice, whatever
 * crashes and retries (the email's idempotency key `newsletter/<id>/<address>` is the second).
 */
export const newsletterRecipients = pgTable(
  "newsletter_recipients",
  {
    newsletterId: uuid("newsletter_id")
      .notNull()
      .references(() => newsletters.id, { onDelete: "cascade" }),
    /** Lower-cased. */
    address: text("address").notNull(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    datasheetId: uuid("datasheet_id").references(() => datasheets.id, { onDelete: "cascade" }),
    /** The contact person, or null for the business's own address. */
    contactId: uuid("contact_id"),
    name: text("name"),
    state: newsletterRecipientStateEnum("state").notNull().default("pending"),
    emailId: uuid("email_id"),
    /** Why it was skipped (a message code). */
    reason: text("reason"),
  },
  (t) => [
    primaryKey({ columns: [t.newsletterId, t.address] }),
    index("newsletter_recipients_pending_idx")
      .on(t.newsletterId, t.address)
      .where(sql`${t.state} = 'pending'`),
  ],
);

export type EmailTemplateRow = typeof emailTemplates.$inferSelect;
export type Newsletter = typeof newsletters.$inferSelect;
export type NewsletterRecipient = typeof newsletterRecipients.$inferSelect;
