import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { businesses, contacts, datasheets } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { addContact, removeContact, updateBusiness } from "@/lib/businesses/mutations";
import type { CompanyData } from "@/lib/businesses/schemas";
import { fieldValuesOf, moduleFields, updateDatasheetFields } from "@/lib/datasheets/field-values";
import type { FieldValue } from "@/lib/fields/values";
import type { ExistingClient } from "./existing";
import type { ClientData } from "./rows";

/*
 * "Update the existing record": the row's non-empty company data and field values replace the
 * stored ones, and its contact person is added unless the business has one of that name or email —
 * each through the service the datasheet page uses, so the commit point, the status rule and the
 * events are the same. What it replaced is kept for Undo, with the versions it left behind.
 */

const companyKeys = ["kind", "name", "taxNumber", "email", "phone", "website", "country", "postalCode", "city", "street", "notes"] as const;
type CompanyKey = (typeof companyKeys)[number];

export interface UpdatePrevious {
  business: Partial<Record<CompanyKey, string | null>>;
  fields: Record<string, FieldValue | null>;
  contactIds: string[];
  versions: { business: number; datasheet: number };
}

async function versionsOf(tx: Tx, match: ExistingClient): Promise<UpdatePrevious["versions"]> {
  const [b] = await tx.select({ version: businesses.version }).from(businesses).where(eq(businesses.id, match.businessId));
  const [d] = await tx.select({ version: datasheets.version }).from(datasheets).where(eq(datasheets.id, match.datasheetId));
  return { business: b!.version, datasheet: d!.version };
}

function companyOf(b: typeof businesses.$inferSelect): CompanyData {
  return {
    kind: b.kind,
    name: b.name,
    taxNumber: b.taxNumber,
    email: b.email,
    phone: b.phone,
    website: b.website,
    country: b.country,
    postalCode: b.postalCode,
    city: b.city,
    street: b.street,
    notes: b.notes,
  };
}

/** Updates one existing client from a row; null when the row changes nothing. */
export async function updateFromRow(tx: Tx, actor: Actor, match: ExistingClient, data: ClientData): Promise<UpdatePrevious | null> {
  const previous: UpdatePrevious = { business: {}, fields: {}, contactIds: [], versions: { business: 0, datasheet: 0 } };
  const [business] = await tx.select().from(businesses).where(eq(businesses.id, match.businessId));
  const stored = companyOf(business!);
  const next = { ...stored };
  for (const key of companyKeys) {
    const value = data.business[key];
    if (key === "kind" || value === null || value === undefined || value === "" || value === stored[key]) continue;
    previous.business[key] = stored[key] ?? null;
    (next as Record<string, unknown>)[key] = value;
  }
  if (Object.keys(previous.business).length) await updateBusiness(tx, actor, match.datasheetId, business!.version, next);

  const person = data.contacts[0];
  if (person) {
    const people = await tx.select({ name: contacts.name, email: contacts.email }).from(contacts).where(eq(contacts.businessId, match.businessId));
    const isKnown = people.some(
      (p) => p.name.toLowerCase() === person.name.toLowerCase() || (person.email && p.email?.toLowerCase() === person.email.toLowerCase()),
    );
    if (!isKnown) previous.contactIds.push((await addContact(tx, actor, match.datasheetId, person)).id);
  }

  if (Object.keys(data.fields).length) {
    const [sheet] = await tx
      .select({ moduleId: datasheets.moduleId, version: datasheets.version })
      .from(datasheets)
      .where(eq(datasheets.id, match.datasheetId));
    const current = await fieldValuesOf(tx, match.datasheetId, await moduleFields(tx, sheet!.moduleId));
    const changes = Object.fromEntries(Object.entries(data.fields).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key] ?? null)));
    if (Object.keys(changes).length) {
      for (const key of Object.keys(changes)) previous.fields[key] = current[key] ?? null;
      await updateDatasheetFields(tx, actor, { datasheetId: match.datasheetId, version: sheet!.version, fields: changes });
    }
  }
  if (!Object.keys(previous.business).length && !previous.contactIds.length && !Object.keys(previous.fields).length) return null;
  previous.versions = await versionsOf(tx, match);
  return previous;
}

/**
 * Puts back what an update replaced, unless the business or the datasheet changed since the import
 * left them (then false: the caller lists it and leaves it alone).
 */
export async function restoreUpdate(tx: Tx, actor: Actor, match: ExistingClient, previous: UpdatePrevious): Promise<boolean> {
  const now = await versionsOf(tx, match).catch(() => null);
  if (!now || now.business !== previous.versions.business || now.datasheet !== previous.versions.datasheet) return false;
  for (const contactId of previous.contactIds) await removeContact(tx, actor, match.datasheetId, contactId);
  if (Object.keys(previous.business).length) {
    const [business] = await tx.select().from(businesses).where(eq(businesses.id, match.businessId));
    await updateBusiness(tx, actor, match.datasheetId, business!.version, { ...companyOf(business!), ...previous.business } as CompanyData);
  }
  if (Object.keys(previous.fields).length) {
    const [sheet] = await tx.select({ version: datasheets.version }).from(datasheets).where(eq(datasheets.id, match.datasheetId));
    await updateDatasheetFields(tx, actor, { datasheetId: match.datasheetId, version: sheet!.version, fields: previous.fields });
  }
  return true;
}
