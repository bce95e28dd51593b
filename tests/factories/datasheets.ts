import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { businesses, contacts, datasheets, historyEntries, invoices, outboxEvents, statusChanges, todos } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import type { CompanyData } from "@/lib/businesses/schemas";
import { createClient } from "@/lib/datasheets/create";
import { newClientSchema } from "@/lib/datasheets/schemas";
import { uniqueSuffix } from "./index";
import { workspaceSnapshot } from "./modules";

export interface ClientOverrides {
  name?: string;
  kind?: "company" | "person";
  email?: string;
  phone?: string;
  taxNumber?: string;
  statusId?: string;
  /** Default: nobody. */
  responsibleUserId?: string | null;
  contacts?: { name: string; email?: string; phone?: string; position?: string }[];
}

/** A company's data as the company form sends it: every field, empty unless given. */
export function companyData(overrides: Partial<CompanyData> = {}): CompanyData {
  return {
    kind: "company",
    name: `Client ${uniqueSuffix()} Kft.`,
    taxNumber: null,
    email: null,
    phone: null,
    website: null,
    country: null,
    postalCode: null,
    city: null,
    street: null,
    notes: "",
    ...overrides,
  };
}

/** New client's input as JSON (what the dialog's form, the API and an import row all become). */
export function newClientInput(moduleId: string, overrides: ClientOverrides = {}) {
  return {
    business: {
      kind: overrides.kind ?? "company",
      name: overrides.name ?? `Client ${uniqueSuffix()} Kft.`,
      email: overrides.email,
      phone: overrides.phone,
      taxNumber: overrides.taxNumber,
    },
    contacts: overrides.contacts ?? [],
    moduleId,
    statusId: overrides.statusId,
    responsibleUserId: overrides.responsibleUserId,
  };
}

/** A client made through New client's schema and service, as the dialog would. */
export async function createTestClient(actor: Actor, moduleId: string, overrides: ClientOverrides = {}) {
  const input = newClientSchema.parse(newClientInput(moduleId, overrides));
  return createClient(await getDb(), actor, input);
}

export async function datasheetRow(datasheetId: string) {
  const db = await getDb();
  const [row] = await db.select().from(datasheets).where(eq(datasheets.id, datasheetId));
  if (!row) throw new Error("no such datasheet");
  return row;
}

export async function businessRow(businessId: string) {
  const db = await getDb();
  const [row] = await db.select().from(businesses).where(eq(businesses.id, businessId));
  if (!row) throw new Error("no such business");
  return row;
}

/** The workspace's outbox events in the order they were recorded, optionally of one name. */
export async function outboxOf(workspaceId: string, name?: string) {
  const db = await getDb();
  return db
    .select({ name: outboxEvents.name, data: outboxEvents.data })
    .from(outboxEvents)
    .where(and(eq(outboxEvents.workspaceId, workspaceId), name ? eq(outboxEvents.name, name) : undefined))
    .orderBy(asc(outboxEvents.createdAt), asc(sql`${outboxEvents.id}`));
}

/** Everything of a workspace a datasheet change could touch, to show that a refused or rolled-back one touched nothing. */
export async function datasheetSnapshot(workspaceId: string) {
  const db = await getDb();
  const all = async <T extends { id: string }>(rows: Promise<T[]>) => (await rows).sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    ...(await workspaceSnapshot(workspaceId)),
    businesses: await all(db.select().from(businesses).where(eq(businesses.workspaceId, workspaceId))),
    contacts: await all(db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId))),
    todos: await all(db.select().from(todos).where(eq(todos.workspaceId, workspaceId))),
    history: await all(db.select().from(historyEntries).where(eq(historyEntries.workspaceId, workspaceId))),
    statusChanges: await all(db.select().from(statusChanges).where(eq(statusChanges.workspaceId, workspaceId))),
    invoices: await all(db.select().from(invoices).where(eq(invoices.workspaceId, workspaceId))),
    outbox: await all(db.select().from(outboxEvents).where(eq(outboxEvents.workspaceId, workspaceId))),
  };
}
