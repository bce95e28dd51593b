import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { businesses, contacts, datasheets, type Business } from "@/db/schema";
import { businessUpdated } from "@/inngest/events";
import type { Actor } from "@/lib/auth/permissions";
import { getVisibleDatasheet } from "@/lib/datasheets/access";
import { editorName, StaleVersionError } from "@/lib/datasheets/version";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { emit } from "@/lib/jobs/outbox";
import type { CompanyData, ContactInput } from "./schemas";
import { buildSearchText } from "./search-text";

/*
 * A business is reached through a datasheet the actor may see (lib/datasheets/access.ts): a
 * restricted user edits the company data of their own or unassigned clients only. The business
 * row is locked for every change, so two edits of its contacts never lose one another's
 * search text.
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
export async function refreshSearchText(tx: Tx, businessId: string): Promise<void> {
  const [business] = await tx.select().from(businesses).where(eq(businesses.id, businessId));
  if (!business) throw new NotFoundError();
  const people = await tx.select().from(contacts).where(eq(contacts.businessId, businessId));
  await tx.update(businesses).set({ searchText: buildSearchText(business, people) }).where(eq(businesses.id, businessId));
}

/** The company data a form shows, with the version a later save must name. */
export type CompanySnapshot = Pick<
  Business,
  "id" | "kind" | "name" | "taxNumber" | "email" | "phone" | "website" | "country" | "postalCode" | "city" | "street" | "notes" | "version"
>;

function snapshotOf(b: Business): CompanySnapshot {
  const { id, kind, name, taxNumber, email, phone, website, country, postalCode, city, street, notes, version } = b;
  return { id, kind, name, taxNumber, email, phone, website, country, postalCode, city, street, notes, version };
}

/**
 * The company form. A save on an older version than the stored one is refused with who changed it
 * and the current data; a rename reaches every datasheet of the business in the same transaction.
 */
export async function updateBusiness(
  actor: Actor,
  datasheetId: string,
  seenVersion: number,
  data: CompanyData,
): Promise<CompanySnapshot> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const business = await lockBusinessOf(tx, actor, datasheetId);
    if (business.version !== seenVersion) {
      throw new StaleVersionError(await editorName(tx, business.updatedByUserId), snapshotOf(business));
    }
    const [updated] = await tx
      .update(businesses)
      .set({ ...data, version: business.version + 1, updatedByUserId: actor.userId, updatedAt: new Date() })
      .where(eq(businesses.id, business.id))
      .returning();
    if (updated!.name !== business.name) {
      await tx
        .update(datasheets)
        .set({ businessName: updated!.name })
        .where(and(eq(datasheets.businessId, business.id), eq(datasheets.workspaceId, actor.workspaceId)));
    }
    await refreshSearchText(tx, business.id);
    await emit(tx, businessUpdated.create({ workspaceId: actor.workspaceId, businessId: business.id, actorUserId: actor.userId }));
    return snapshotOf(updated!);
  });
}

async function afterContactChange(tx: Tx, actor: Actor, businessId: string): Promise<void> {
  await refreshSearchText(tx, businessId);
  await emit(tx, businessUpdated.create({ workspaceId: actor.workspaceId, businessId, actorUserId: actor.userId }));
}

export async function addContact(actor: Actor, datasheetId: string, input: ContactInput): Promise<{ id: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const business = await lockBusinessOf(tx, actor, datasheetId);
    const [row] = await tx
      .insert(contacts)
      .values({ ...input, workspaceId: actor.workspaceId, businessId: business.id })
      .returning({ id: contacts.id });
    await afterContactChange(tx, actor, business.id);
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

export async function updateContact(actor: Actor, datasheetId: string, contactId: string, input: ContactInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const business = await lockBusinessOf(tx, actor, datasheetId);
    await contactOf(tx, business, contactId);
    await tx.update(contacts).set({ ...input, updatedAt: new Date() }).where(eq(contacts.id, contactId));
    await afterContactChange(tx, actor, business.id);
  });
}

export async function removeContact(actor: Actor, datasheetId: string, contactId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const business = await lockBusinessOf(tx, actor, datasheetId);
    await contactOf(tx, business, contactId);
    await tx.delete(contacts).where(eq(contacts.id, contactId));
    await afterContactChange(tx, actor, business.id);
  });
}
