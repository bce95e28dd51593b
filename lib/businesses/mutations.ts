import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Conn, Tx } from "@/db/client";
import { businesses, contacts, datasheets, type Business } from "@/db/schema";
import { businessUpdated } from "@/inngest/events";
import type { Actor } from "@/lib/auth/permissions";
import { getVisibleDatasheet } from "@/lib/datasheets/access";
import { commitDatasheets } from "@/lib/datasheets/commit";
import { assertVersion } from "@/lib/datasheets/version";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { consentAt, type CompanyData, type ContactInput } from "./schemas";
import { buildSearchText } from "./search-text";

/*
 * A business is reached through a datasheet the actor may see (lib/datasheets/access.ts): a
 * restricted user edits the company data of their own or unassigned clients only. The business
 * row is locked for every change, so two edits of its contacts never lose one another's
 * search text. The business's datasheets are facts of every one of them (their name, their search):
 * each change ends at the commit point for all of them.
 */

async function lockBusinessOf(tx: Tx, actor: Actor, datasheetId: string): Promise<Business> {
  const datasheet = await getVisibleDatasheet(tx, actor, datasheetId);
  const [business] = await tx
    .select()
    .from(businesses)
    .where(and(eq(businesses.id, datasheet.businessId), eq(businesses.workspaceId, actor.workspaceId)))
    .for("update");
  if (!business) throw new NotFoundError();
  return business;
}

/** Recomputes `search_text` from the business and all its contacts, after any change to either. */
async function refreshSearchText(tx: Tx, business: Business): Promise<void> {
  const people = await tx.select().from(contacts).where(eq(contacts.businessId, business.id));
  await tx.update(businesses).set({ searchText: buildSearchText(business, people) }).where(eq(businesses.id, business.id));
}

/**
 * The end of every change of a business: its search text, and the commit of each of its datasheets
 * (locked in id order first, the order bulk changes lock in, so the two never deadlock).
 */
async function commitBusiness(tx: Tx, actor: Actor, business: Business): Promise<void> {
  await refreshSearchText(tx, business);
  const sheets = await tx
    .select({ id: datasheets.id })
    .from(datasheets)
    .where(and(eq(datasheets.businessId, business.id), eq(datasheets.workspaceId, actor.workspaceId), isNull(datasheets.deletedAt)))
    .orderBy(asc(datasheets.id))
    .for("update");
  const event = businessUpdated.create({ workspaceId: actor.workspaceId, businessId: business.id, actorUserId: actor.userId });
  await commitDatasheets(tx, actor, { ids: sheets.map((d) => d.id), events: [event] });
}

/** The company data a form shows, with the version a later save must name. */
export type CompanySnapshot = Pick<
  Business,
  "id" | "kind" | "name" | "taxNumber" | "email" | "phone" | "website" | "country" | "postalCode" | "city" | "street" | "notes" | "newsletterConsentAt" | "version"
>;

function snapshotOf(b: Business): CompanySnapshot {
  const { id, kind, name, taxNumber, email, phone, website, country, postalCode, city, street, notes, newsletterConsentAt, version } = b;
  return { id, kind, name, taxNumber, email, phone, website, country, postalCode, city, street, notes, newsletterConsentAt, version };
}

/**
 * The company form. A save on an older version than the stored one is refused with who changed it
 * and the current data; a rename reaches every datasheet of the business in the same transaction.
 */
export async function updateBusiness(
  conn: Conn,
  actor: Actor,
  datasheetId: string,
  seenVersion: number,
  data: CompanyData,
): Promise<CompanySnapshot> {
  return conn.transaction(async (tx) => {
    const business = await lockBusinessOf(tx, actor, datasheetId);
    await assertVersion(tx, business, seenVersion, () => snapshotOf(business));
    const { newsletterConsent, ...company } = data;
    const now = new Date();
    const [updated] = await tx
      .update(businesses)
      .set({
        ...company,
        newsletterConsentAt: consentAt(newsletterConsent, business.newsletterConsentAt, now),
        version: business.version + 1,
        updatedByUserId: actor.userId,
        updatedAt: now,
      })
      .where(eq(businesses.id, business.id))
      .returning();
    await commitBusiness(tx, actor, updated!);
    return snapshotOf(updated!);
  });
}

export async function addContact(conn: Conn, actor: Actor, datasheetId: string, input: ContactInput): Promise<{ id: string }> {
  return conn.transaction(async (tx) => {
    const business = await lockBusinessOf(tx, actor, datasheetId);
    const { newsletterConsent, ...contact } = input;
    const [row] = await tx
      .insert(contacts)
      .values({ ...contact, newsletterConsentAt: consentAt(newsletterConsent, null, new Date()), workspaceId: actor.workspaceId, businessId: business.id })
      .returning({ id: contacts.id });
    await commitBusiness(tx, actor, business);
    return row!;
  });
}

async function contactOf(tx: Tx, business: Business, contactId: string) {
  assertId(contactId);
  const [row] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.businessId, business.id)))
    .for("update");
  if (!row) throw new NotFoundError();
  return row;
}

export async function updateContact(conn: Conn, actor: Actor, datasheetId: string, contactId: string, input: ContactInput): Promise<void> {
  await conn.transaction(async (tx) => {
    const business = await lockBusinessOf(tx, actor, datasheetId);
    const stored = await contactOf(tx, business, contactId);
    const { newsletterConsent, ...contact } = input;
    const now = new Date();
    await tx
      .update(contacts)
      .set({ ...contact, newsletterConsentAt: consentAt(newsletterConsent, stored.newsletterConsentAt, now), updatedAt: now })
      .where(eq(contacts.id, contactId));
    await commitBusiness(tx, actor, business);
  });
}

export async function removeContact(conn: Conn, actor: Actor, datasheetId: string, contactId: string): Promise<void> {
  await conn.transaction(async (tx) => {
    const business = await lockBusinessOf(tx, actor, datasheetId);
    await contactOf(tx, business, contactId);
    await tx.delete(contacts).where(eq(contacts.id, contactId));
    await commitBusiness(tx, actor, business);
  });
}
