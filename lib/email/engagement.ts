import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { businesses, contacts, datasheets } from "@/db/schema";
import { systemActor } from "@/lib/auth/permissions";
import { commitDatasheets } from "@/lib/datasheets/commit";
import { emit, type OutgoingEvent } from "@/lib/jobs/outbox";

/** The datasheets of the workspace whose business or a contact person has this address (lower-cased). */
async function datasheetsAt(tx: Tx, workspaceId: string, address: string): Promise<string[]> {
  const owners = tx
    .select({ id: businesses.id })
    .from(businesses)
    .where(and(eq(businesses.workspaceId, workspaceId), eq(sql`lower(${businesses.email})`, address)))
    .union(tx.select({ id: contacts.businessId }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(sql`lower(${contacts.email})`, address))));
  const rows = await tx
    .select({ id: datasheets.id })
    .from(datasheets)
    .where(and(eq(datasheets.workspaceId, workspaceId), isNull(datasheets.deletedAt), inArray(datasheets.businessId, owners)))
    .orderBy(datasheets.id);
  return rows.map((r) => r.id);
}

/**
 * What a client does with an email — opens it, clicks, unsubscribes; or what their mail server
 * answers — a bounce, a complaint: facts of the datasheets it concerns (SPEC §3.1 rules 4.1 and
 * 4.2), so they end at the commit point, as the system. An open or a click concerns the email's
 * datasheet; an unsubscribe, bounce or complaint (`address`) every datasheet with that address.
 * Other emails (an invitation, a password reset) only record their event.
 */
export async function recordEmailFact(
  tx: Tx,
  email: { workspaceId: string; datasheetId: string | null },
  event: OutgoingEvent,
  options: { address?: string } = {},
): Promise<void> {
  const ids = new Set(email.datasheetId ? [email.datasheetId] : []);
  if (options.address) for (const id of await datasheetsAt(tx, email.workspaceId, options.address.toLowerCase())) ids.add(id);
  if (!ids.size) return emit(tx, event);
  await commitDatasheets(tx, systemActor(email.workspaceId, "email"), { ids: [...ids], events: [event] });
}
