import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { businesses, datasheets, outboxEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { createClient } from "@/lib/datasheets/create";
import { newClientSchema } from "@/lib/datasheets/schemas";
import { uniqueSuffix } from "./index";

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

/** The flat form New client sends, for the schema tests and the factory alike. */
export function newClientForm(moduleId: string, overrides: ClientOverrides = {}): Record<string, string> {
  const form: Record<string, string> = {
    kind: overrides.kind ?? "company",
    name: overrides.name ?? `Client ${uniqueSuffix()} Kft.`,
    moduleId,
  };
  if (overrides.email) form.email = overrides.email;
  if (overrides.phone) form.phone = overrides.phone;
  if (overrides.taxNumber) form.taxNumber = overrides.taxNumber;
  if (overrides.statusId) form.statusId = overrides.statusId;
  if (overrides.responsibleUserId) form.responsibleUserId = overrides.responsibleUserId;
  (overrides.contacts ?? []).forEach((c, i) => {
    for (const [key, value] of Object.entries(c)) if (value) form[`contacts.${i}.${key}`] = value;
  });
  return form;
}

/** A client made through New client's schema and service, as the dialog would. */
export async function createTestClient(actor: Actor, moduleId: string, overrides: ClientOverrides = {}) {
  const input = newClientSchema.parse(newClientForm(moduleId, overrides));
  return createClient(actor, input);
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
