import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { Webhook, WebhookVerificationError } from "svix";
import { z } from "zod";
import type { Db } from "@/db/client";
import { emailEvents, emails, emailSuppressions } from "@/db/schema";
import { emailBounced, emailClicked, emailComplained, emailDelivered, emailOpened } from "@/inngest/events";
import { emit } from "@/lib/jobs/outbox";
import { recordEmailFact } from "./engagement";

/** The subset of a Resend webhook this app reads. */
const resendEventSchema = z.object({
  type: z.string(),
  created_at: z.string().optional(),
  data: z.object({
    email_id: z.string(),
    click: z.object({ link: z.string() }).partial().optional(),
  }),
});

export type WebhookHeaders = { id: string | null; timestamp: string | null; signature: string | null };

export type WebhookOutcome =
  | { status: 400 | 401; error: string }
  | { status: 200; result: "recorded" | "replayed" | "ignored" };

const handled = {
  "email.delivered": "delivered",
  "email.bounced": "bounced",
  "email.complained": "complained",
  "email.opened": "opened",
  "email.clicked": "clicked",
} as const;

/**
 * `/api/webhooks/resend`: a delivery from Resend, signed the svix way with RESEND_WEBHOOK_SECRET.
 * Missing headers → 400, a wrong or stale signature (svix allows five minutes) → 401, and neither
 * changes anything. A delivery is stored once by its svix id, so a replay changes nothing twice.
 */
export async function handleResendWebhook(
  db: Db,
  input: { secret: string | undefined; payload: string; headers: WebhookHeaders },
  now = new Date(),
): Promise<WebhookOutcome> {
  const { id, timestamp, signature } = input.headers;
  if (!id || !timestamp || !signature) return { status: 400, error: "missing svix headers" };
  if (!input.secret) return { status: 401, error: "webhook secret not configured" };
  try {
    new Webhook(input.secret).verify(input.payload, { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": signature });
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { status: 401, error: "invalid signature" };
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(input.payload);
  } catch {
    return { status: 400, error: "unexpected payload" };
  }
  const parsed = resendEventSchema.safeParse(body);
  if (!parsed.success) return { status: 400, error: "unexpected payload" };
  const event = parsed.data;
  const type = handled[event.type as keyof typeof handled];
  if (!type) return { status: 200, result: "ignored" };
  const at = event.created_at && !Number.isNaN(Date.parse(event.created_at)) ? new Date(event.created_at) : now;

  return db.transaction(async (tx) => {
    const [email] = await tx
      .select({ id: emails.id, workspaceId: emails.workspaceId, datasheetId: emails.datasheetId, toAddress: emails.toAddress })
      .from(emails)
      .where(eq(emails.providerId, event.data.email_id));
    if (!email) return { status: 200, result: "ignored" } as const;
    const url = type === "clicked" ? (event.data.click?.link ?? null) : null;
    const inserted = await tx
      .insert(emailEvents)
      .values({ workspaceId: email.workspaceId, emailId: email.id, type, url, providerEventId: id, at })
      .onConflictDoNothing()
      .returning({ id: emailEvents.id });
    if (!inserted.length) return { status: 200, result: "replayed" } as const;

    const ref = { workspaceId: email.workspaceId, emailId: email.id, datasheetId: email.datasheetId };
    const first = (column: AnyPgColumn) => sql`coalesce(${column}, ${at.toISOString()}::timestamptz)`;
    const address = email.toAddress.toLowerCase();
    const suppress = (reason: "bounced" | "complained") =>
      tx.insert(emailSuppressions).values({ workspaceId: email.workspaceId, address, reason, emailId: email.id }).onConflictDoNothing();
    switch (type) {
      case "delivered":
        await tx.update(emails).set({ deliveredAt: first(emails.deliveredAt) }).where(eq(emails.id, email.id));
        // A late "delivered" never overwrites a bounce or a complaint.
        await tx
          .update(emails)
          .set({ status: "delivered" })
          .where(and(eq(emails.id, email.id), inArray(emails.status, ["queued", "sent"])));
        await emit(tx, emailDelivered.create({ ...ref, at: at.toISOString() }));
        break;
      case "bounced":
        await tx.update(emails).set({ status: "bounced", bouncedAt: first(emails.bouncedAt) }).where(eq(emails.id, email.id));
        await suppress("bounced");
        await recordEmailFact(tx, email, emailBounced.create({ ...ref, address, at: at.toISOString() }), { address });
        break;
      case "complained":
        await tx.update(emails).set({ status: "complained", complainedAt: first(emails.complainedAt) }).where(eq(emails.id, email.id));
        await suppress("complained");
        await recordEmailFact(tx, email, emailComplained.create({ ...ref, address, at: at.toISOString() }), { address });
        break;
      case "opened":
        await tx.update(emails).set({ openedAt: first(emails.openedAt) }).where(eq(emails.id, email.id));
        await recordEmailFact(tx, email, emailOpened.create({ ...ref, at: at.toISOString() }));
        break;
      case "clicked":
        await tx.update(emails).set({ clickedAt: first(emails.clickedAt) }).where(eq(emails.id, email.id));
        await recordEmailFact(tx, email, emailClicked.create({ ...ref, url: url ?? "", at: at.toISOString() }));
        break;
    }
    return { status: 200, result: "recorded" } as const;
  });
}
