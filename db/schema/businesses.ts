import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const businessKindEnum = pgEnum("business_kind", ["company", "person"]);
export type BusinessKind = (typeof businessKindEnum.enumValues)[number];

/**
 * A company or a person we deal with ("üzletfél"). One business can have datasheets in several
 * modules; its company data lives here once.
 */
export const businesses = pgTable(
  "businesses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: businessKindEnum("kind").notNull().default("company"),
    name: text("name").notNull(),
    taxNumber: text("tax_number"),
    email: text("email"),
    phone: text("phone"),
    website: text("website"),
    country: text("country"),
    postalCode: text("postal_code"),
    city: text("city"),
    street: text("street"),
    notes: text("notes").notNull().default(""),
    /** When the business consented to the newsletter (its subscription time); null: no consent. */
    newsletterConsentAt: timestamp("newsletter_consent_at", { withTimezone: true }),
    /**
     * Lower-cased name, email, phone and tax number of the business and of its contacts, kept by
     * the service on every change: the list's text search is one trigram index lookup.
     */
    searchText: text("search_text").notNull().default(""),
    /** Bumped by every change of the company data, for "changed meanwhile" checks. */
    version: integer("version").notNull().default(1),
    /** Who made the latest change (null: the system): named in "changed by X meanwhile". */
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("businesses_workspace_name_idx").on(t.workspaceId, t.name),
    index("businesses_search_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    index("businesses_workspace_email_idx").on(t.workspaceId, sql`lower(${t.email})`),
    index("businesses_workspace_tax_idx").on(t.workspaceId, t.taxNumber),
  ],
);

/** A contact person of a business. */
export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: text("position"),
    email: text("email"),
    phone: text("phone"),
    /** When the contact person consented to the newsletter; null: no consent. */
    newsletterConsentAt: timestamp("newsletter_consent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contacts_business_idx").on(t.businessId, t.createdAt, t.id),
    index("contacts_workspace_email_idx").on(t.workspaceId, sql`lower(${t.email})`),
  ],
);

export type Business = typeof businesses.$inferSelect;
export type Contact = typeof contacts.$inferSelect;
