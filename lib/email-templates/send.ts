import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Conn, Tx } from "@/db/client";
import { emails, emailSuppressions } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { queueEmails, type QueueEmailInput } from "@/lib/email/send";
import {
  clientAddresses,
  isUserRecipient,
  mergeForDatasheet,
  type ClientRecipient,
  type DatasheetMergeData,
  type MergedTemplate,
  type TemplateRecipient,
} from "./render";

/*
 * Sending a template to a datasheet's client or to a user, through the one sending path
 * (lib/email/send.ts: stored in the outbox, delivered by the `email/send` job, one email per
 * idempotency key). Client mail carries the datasheet's id, so its opens and clicks are the
 * datasheet's facts (SPEC §3.1 rule 4), and never goes to an address that unsubscribed, bounced or
 * complained; a newsletter also needs the address's consent (SPEC §4, §5).
 */

export type TemplateSendStatus =
  /** Stored and queued. */
  | "queued"
  /** This idempotency key was sent before: nothing new. */
  | "duplicate"
  /** The address unsubscribed, bounced or complained: nothing stored. */
  | "suppressed"
  /** A newsletter to an address that did not consent: nothing stored. */
  | "notConsented";

export interface TemplateSendResult {
  status: TemplateSendStatus;
  emailId: string | null;
}

export interface SendTemplateInput {
  templateId: string;
  datasheetId: string;
  recipient: TemplateRecipient;
  /** One email per key and workspace, e.g. `automation/<stepRunId>/<address>`: retries and duplicate events send nothing twice. */
  idempotencyKey: string;
  automationId?: string | null;
  /** Default: the acting user, or for the system the datasheet's responsible user. */
  senderUserId?: string | null;
  /** Newsletters: only an address that consented (its contact person's or the business's consent). */
  requireConsent?: boolean;
}

/** The addresses among these that get no marketing mail from the workspace (lower-cased). */
export async function suppressedAddresses(conn: Conn, workspaceId: string, addresses: readonly string[]): Promise<Set<string>> {
  if (!addresses.length) return new Set();
  const rows = await conn
    .select({ address: emailSuppressions.address })
    .from(emailSuppressions)
    .where(
      and(
        eq(emailSuppressions.workspaceId, workspaceId),
        inArray(
          emailSuppressions.address,
          addresses.map((a) => a.toLowerCase()),
        ),
      ),
    );
  return new Set(rows.map((r) => r.address));
}

/** Whether the address consented to newsletters: a contact person's (or the business's) consent for it. */
export function hasConsent(data: Pick<DatasheetMergeData, "business" | "contacts">, recipient: ClientRecipient): boolean {
  const address = recipient.email.trim().toLowerCase();
  if (recipient.contactId) {
    const contact = data.contacts.find((c) => c.id === recipient.contactId);
    return Boolean(contact?.newsletterConsentAt && contact.email?.toLowerCase() === address);
  }
  if (data.business.email?.toLowerCase() === address && data.business.newsletterConsentAt) return true;
  return data.contacts.some((c) => c.email?.toLowerCase() === address && c.newsletterConsentAt);
}

/** A client's addresses on a datasheet (render.ts): contact persons with an email, then the business's own. */
export { clientAddresses };

export interface MergedEmailRef {
  datasheetId: string;
  idempotencyKey: string;
  automationId?: string | null;
  senderUserId: string | null;
}

function toQueueInput(workspaceId: string, merged: MergedTemplate, ref: MergedEmailRef): QueueEmailInput {
  return {
    workspaceId,
    idempotencyKey: ref.idempotencyKey,
    to: merged.to,
    senderUserId: ref.senderUserId,
    recipientUserId: merged.recipientUserId,
    // Only client mail is the datasheet's: its opens and clicks are the client's engagement.
    datasheetId: merged.kind === "marketing" ? ref.datasheetId : null,
    automationId: ref.automationId ?? null,
    template: merged.email,
  };
}

/** Stores a merged email through the one sending path, inside the caller's transaction. */
export async function queueMergedEmail(tx: Tx, workspaceId: string, merged: MergedTemplate, ref: MergedEmailRef): Promise<TemplateSendResult> {
  const [result] = await queueMergedEmails(tx, workspaceId, [{ merged, ref }]);
  return result!;
}

/** Many merged emails of one workspace (a newsletter's batch) in one go: queueEmails' few statements. */
export async function queueMergedEmails(
  tx: Tx,
  workspaceId: string,
  items: readonly { merged: MergedTemplate; ref: MergedEmailRef }[],
): Promise<TemplateSendResult[]> {
  const queued = await queueEmails(
    tx,
    workspaceId,
    items.map(({ merged, ref }) => toQueueInput(workspaceId, merged, ref)),
  );
  return queued.map(({ id, isNew }) => ({ status: isNew ? ("queued" as const) : ("duplicate" as const), emailId: id }));
}

/**
 * Merges a template for a datasheet and stores the email (in the caller's transaction, or its own):
 * it goes out when that commits. A key sent before answers "duplicate" with its email; a suppressed
 * or (for newsletters) non-consenting address answers so and stores nothing. The actor must see the
 * datasheet; users must be admins or managers (the system runs automations).
 */
export async function sendTemplateToDatasheet(conn: Conn, actor: Actor, input: SendTemplateInput): Promise<TemplateSendResult> {
  return conn.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: emails.id })
      .from(emails)
      .where(and(eq(emails.workspaceId, actor.workspaceId), eq(emails.idempotencyKey, input.idempotencyKey)));
    if (existing) return { status: "duplicate" as const, emailId: existing.id };

    const merged = await mergeForDatasheet(tx, actor, input);
    if (!isUserRecipient(input.recipient)) {
      if ((await suppressedAddresses(tx, actor.workspaceId, [merged.to])).size) return { status: "suppressed" as const, emailId: null };
      if (input.requireConsent && !hasConsent(merged.data, input.recipient)) return { status: "notConsented" as const, emailId: null };
    }
    return queueMergedEmail(tx, actor.workspaceId, merged, {
      datasheetId: merged.datasheetId,
      idempotencyKey: input.idempotencyKey,
      automationId: input.automationId,
      senderUserId: merged.senderUserId,
    });
  });
}
