import "server-only";
import { randomUUID } from "node:crypto";
import { render, toPlainText } from "@react-email/render";
import { and, eq, sql } from "drizzle-orm";
import { NonRetriableError } from "inngest";
import { Resend } from "resend";
import type { Db, Tx } from "@/db/client";
import { emailEvents, emails, emailSuppressions, type EmailStatus } from "@/db/schema";
import { emailQueued, emailSent } from "@/inngest/events";
import { emit, notifyOutbox } from "@/lib/jobs/outbox";
import { getWorkspaceEmailSettings } from "@/lib/workspaces/settings";
import { appUrl, resendApiKey } from "./config";
import { addOpenPixel, trackLinks } from "./links";
import { templateElement, type EmailKind, type EmailTemplate } from "./templates";
import { signTrackingToken } from "./tokens";

export type { EmailTemplate } from "./templates";

export interface RenderedEmail {
  kind: EmailKind;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  links: string[];
}

/**
 * Renders a template for the email that will be stored under `emailId`: HTML and plain text.
 * Marketing mail gets its signed unsubscribe link and RFC 8058 one-click headers, an open pixel
 * and click-through links; transactional mail (invitations, password resets) is left untracked.
 */
export async function renderEmail(emailId: string, template: EmailTemplate): Promise<RenderedEmail> {
  const base = appUrl();
  const unsubscribeToken = signTrackingToken("unsubscribe", emailId);
  const { kind, subject, element } = templateElement(template, `${base}/unsubscribe/${unsubscribeToken}`);
  const rendered = await render(element);
  const text = toPlainText(rendered);
  if (kind === "transactional") return { kind, subject, html: rendered, text, headers: {}, links: [] };

  const tracked = trackLinks(rendered, (index) => `${base}/api/email/c/${signTrackingToken("click", emailId, index)}`);
  return {
    kind,
    subject,
    html: addOpenPixel(tracked.html, `${base}/api/email/o/${signTrackingToken("open", emailId)}`),
    text,
    headers: {
      "List-Unsubscribe": `<${base}/api/email/unsubscribe/${unsubscribeToken}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    links: tracked.links,
  };
}

export interface QueueEmailInput {
  workspaceId: string;
  /** One email per key and workspace: queueing the same key again returns the stored email. */
  idempotencyKey: string;
  to: string;
  replyTo?: string | null;
  senderUserId?: string | null;
  recipientUserId?: string | null;
  datasheetId?: string | null;
  automationId?: string | null;
  template: EmailTemplate;
}

async function isSuppressed(tx: Tx | Db, workspaceId: string, address: string): Promise<boolean> {
  const [row] = await tx
    .select({ address: emailSuppressions.address })
    .from(emailSuppressions)
    .where(and(eq(emailSuppressions.workspaceId, workspaceId), eq(emailSuppressions.address, address.toLowerCase())));
  return Boolean(row);
}

const SUPPRESSED = "Not sent: the address unsubscribed, bounced or complained.";

/**
 * Renders and stores an email inside the caller's transaction and records `email/queued`, so the
 * email exists and goes out if and only if the change that caused it commits. It is sent by the
 * `email/send` job, never in the request. Marketing mail to a suppressed address is stored as
 * failed and not queued.
 */
export async function queueEmail(tx: Tx, input: QueueEmailInput): Promise<{ id: string; isNew: boolean }> {
  const id = randomUUID();
  const rendered = await renderEmail(id, input.template);
  const suppressed = rendered.kind === "marketing" && (await isSuppressed(tx, input.workspaceId, input.to));
  const sender = await getWorkspaceEmailSettings(tx, input.workspaceId);
  const [row] = await tx
    .insert(emails)
    .values({
      id,
      workspaceId: input.workspaceId,
      kind: rendered.kind,
      template: input.template.name,
      idempotencyKey: input.idempotencyKey,
      datasheetId: input.datasheetId ?? null,
      automationId: input.automationId ?? null,
      senderUserId: input.senderUserId ?? null,
      recipientUserId: input.recipientUserId ?? null,
      toAddress: input.to,
      fromAddress: sender.from,
      replyTo: input.replyTo ?? sender.replyTo,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers: rendered.headers,
      links: rendered.links,
      ...(suppressed ? { status: "failed" as const, error: SUPPRESSED } : {}),
    })
    .onConflictDoNothing({ target: [emails.workspaceId, emails.idempotencyKey] })
    .returning({ id: emails.id });
  if (!row) {
    const [existing] = await tx
      .select({ id: emails.id })
      .from(emails)
      .where(and(eq(emails.workspaceId, input.workspaceId), eq(emails.idempotencyKey, input.idempotencyKey)));
    return { id: existing!.id, isNew: false };
  }
  if (!suppressed) await emit(tx, emailQueued.create({ workspaceId: input.workspaceId, emailId: id }));
  return { id, isNew: true };
}

export type DeliveryResult = { status: EmailStatus | "missing"; providerId: string | null };

/** Resend's answers that a retry would only repeat. */
const permanentErrors = new Set(["validation_error", "invalid_from_address", "invalid_parameter", "missing_required_field"]);

/**
 * Hands a stored email over: to Resend when RESEND_API_KEY is set, else it stays in the outbox
 * (the mailbox shows it). Only from the `email/send` job. Never twice: an email that is no longer
 * `queued` is left alone, and Resend gets the email's id as its idempotency key, so a run retried
 * after Resend accepted the email (but before this was recorded) is not sent again either.
 */
export async function deliverEmail(db: Db, ref: { workspaceId: string; emailId: string }, now = new Date()): Promise<DeliveryResult> {
  const [email] = await db
    .select()
    .from(emails)
    .where(and(eq(emails.id, ref.emailId), eq(emails.workspaceId, ref.workspaceId)));
  if (!email) return { status: "missing", providerId: null };
  if (email.status !== "queued") return { status: email.status, providerId: email.providerId };
  if (email.kind === "marketing" && (await isSuppressed(db, email.workspaceId, email.toAddress))) {
    await db.update(emails).set({ status: "failed", error: SUPPRESSED }).where(eq(emails.id, email.id));
    return { status: "failed", providerId: null };
  }

  let providerId: string | null = null;
  const apiKey = resendApiKey();
  if (apiKey) {
    // RESEND_BASE_URL, when set, points the SDK elsewhere (the tests' local fake server).
    const { data, error } = await new Resend(apiKey).emails.send(
      {
        from: email.fromAddress,
        to: email.toAddress,
        subject: email.subject,
        html: email.html,
        text: email.text,
        ...(email.replyTo ? { replyTo: email.replyTo } : {}),
        ...(Object.keys(email.headers).length ? { headers: email.headers } : {}),
      },
      { idempotencyKey: `email/${email.id}` },
    );
    if (error || !data) {
      const message = error ? `${error.name}: ${error.message}` : "Resend answered without an id";
      const isPermanent = Boolean(error && permanentErrors.has(error.name));
      await db
        .update(emails)
        .set({ attempts: sql`${emails.attempts} + 1`, error: message, ...(isPermanent ? { status: "failed" as const } : {}) })
        .where(eq(emails.id, email.id));
      throw isPermanent ? new NonRetriableError(message) : new Error(message);
    }
    providerId = data.id;
  }

  await db.transaction(async (tx) => {
    await tx
      .update(emails)
      .set({ status: "sent", providerId, sentAt: now, attempts: sql`${emails.attempts} + 1`, error: null })
      .where(and(eq(emails.id, email.id), eq(emails.status, "queued")));
    await tx.insert(emailEvents).values({ workspaceId: email.workspaceId, emailId: email.id, type: "sent", at: now });
    await emit(tx, emailSent.create({ workspaceId: email.workspaceId, emailId: email.id, datasheetId: email.datasheetId, providerId }));
  });
  notifyOutbox();
  return { status: "sent", providerId };
}
