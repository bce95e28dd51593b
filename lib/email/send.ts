import "server-only";
import { randomUUID } from "node:crypto";
import { render, toPlainText } from "@react-email/render";
import { and, eq, inArray, sql } from "drizzle-orm";
import { NonRetriableError } from "inngest";
import { Resend } from "resend";
import type { Db, Tx } from "@/db/client";
import { emailEvents, emails, emailSuppressions, type EmailStatus } from "@/db/schema";
import { emailQueued, emailSent } from "@/inngest/events";
import { emit, emitAll, notifyOutbox } from "@/lib/jobs/outbox";
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
  const [queued] = await queueEmails(tx, input.workspaceId, [input]);
  return queued!;
}

/**
 * queueEmail for many emails of one workspace (a newsletter's batch): each rendered, then stored in
 * a handful of statements whatever their number — one suppression lookup, one multi-row insert,
 * one multi-row emit. Answers in the order of `inputs`; a key stored before answers its email.
 */
export async function queueEmails(tx: Tx, workspaceId: string, inputs: readonly QueueEmailInput[]): Promise<{ id: string; isNew: boolean }[]> {
  if (!inputs.length) return [];
  if (inputs.some((input) => input.workspaceId !== workspaceId)) throw new Error("queueEmails: every email must be of the one workspace");
  const rendered: { id: string; input: QueueEmailInput; email: RenderedEmail }[] = [];
  for (const input of inputs) {
    const id = randomUUID();
    rendered.push({ id, input, email: await renderEmail(id, input.template) });
  }
  const marketing = rendered.filter((r) => r.email.kind === "marketing").map((r) => r.input.to.toLowerCase());
  const suppressedSet = new Set(
    marketing.length
      ? (
          await tx
            .select({ address: emailSuppressions.address })
            .from(emailSuppressions)
            .where(and(eq(emailSuppressions.workspaceId, workspaceId), inArray(emailSuppressions.address, [...new Set(marketing)])))
        ).map((r) => r.address)
      : [],
  );
  const isSuppressedMail = (r: (typeof rendered)[number]) => r.email.kind === "marketing" && suppressedSet.has(r.input.to.toLowerCase());
  const sender = await getWorkspaceEmailSettings(tx, workspaceId);
  const inserted = await tx
    .insert(emails)
    .values(
      rendered.map((r) => ({
        id: r.id,
        workspaceId,
        kind: r.email.kind,
        template: r.input.template.name,
        idempotencyKey: r.input.idempotencyKey,
        datasheetId: r.input.datasheetId ?? null,
        automationId: r.input.automationId ?? null,
        senderUserId: r.input.senderUserId ?? null,
        recipientUserId: r.input.recipientUserId ?? null,
        toAddress: r.input.to,
        fromAddress: sender.from,
        replyTo: r.input.replyTo ?? sender.replyTo,
        subject: r.email.subject,
        html: r.email.html,
        text: r.email.text,
        headers: r.email.headers,
        links: r.email.links,
        ...(isSuppressedMail(r) ? { status: "failed" as const, error: SUPPRESSED } : {}),
      })),
    )
    .onConflictDoNothing({ target: [emails.workspaceId, emails.idempotencyKey] })
    .returning({ id: emails.id });
  const isNew = new Set(inserted.map((row) => row.id));
  const existing = new Map<string, string>();
  const repeated = rendered.filter((r) => !isNew.has(r.id)).map((r) => r.input.idempotencyKey);
  if (repeated.length) {
    const rows = await tx
      .select({ id: emails.id, key: emails.idempotencyKey })
      .from(emails)
      .where(and(eq(emails.workspaceId, workspaceId), inArray(emails.idempotencyKey, repeated)));
    for (const row of rows) existing.set(row.key, row.id);
  }
  await emitAll(
    tx,
    rendered.filter((r) => isNew.has(r.id) && !isSuppressedMail(r)).map((r) => emailQueued.create({ workspaceId, emailId: r.id })),
  );
  return rendered.map((r) => (isNew.has(r.id) ? { id: r.id, isNew: true } : { id: existing.get(r.input.idempotencyKey)!, isNew: false }));
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
