import "server-only";
import type { Tx } from "@/db/client";
import { systemActor } from "@/lib/auth/permissions";
import { commitDatasheet } from "@/lib/datasheets/commit";
import { emit, type OutgoingEvent } from "@/lib/jobs/outbox";

/**
 * What a client does with an email — opens it, clicks, unsubscribes; or what their mail server
 * answers — a bounce, a complaint: facts of the email's datasheet (SPEC §3.1 rules 4.1 and 4.2),
 * so an email tied to a datasheet ends at its commit point, as the system. Other emails (an
 * invitation, a password reset) only record their event.
 */
export async function recordEmailFact(tx: Tx, email: { workspaceId: string; datasheetId: string | null }, event: OutgoingEvent): Promise<void> {
  if (!email.datasheetId) return emit(tx, event);
  await commitDatasheet(tx, systemActor(email.workspaceId, "email"), { id: email.datasheetId, events: [event] });
}
