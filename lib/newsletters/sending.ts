import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { businesses, contacts, datasheets, emailSuppressions, newsletterRecipients, newsletters, type NewsletterState } from "@/db/schema";
import { datasheetMergeData, mergeTemplate, prepareTemplate, type MergedTemplate, type PreparedTemplate } from "@/lib/email-templates/render";
import { hasConsent, queueMergedEmails, suppressedAddresses, type MergedEmailRef } from "@/lib/email-templates/send";
import { jsonRows } from "@/lib/db/sql";
import { DomainError } from "@/lib/errors";
import { audienceCondition } from "./audience";

/*
 * Sending a newsletter (the `newsletters/send` job, inngest/functions/send-newsletter.ts): when its
 * time comes the audience is read once into `newsletter_recipients` — one row per address, the
 * primary key — with those that did not consent or get no marketing mail set aside; then batches
 * send the pending ones, each batch one transaction that stores its emails and marks its rows
 * sent. A crash mid-batch rolls the batch back and the retry sends it again; a crash after it
 * committed finds its rows sent. Nobody gets the newsletter twice (and each email's idempotency key,
 * `newsletter/<id>/<address>`, says so a second time).
 */

export interface NewsletterRef {
  workspaceId: string;
  newsletterId: string;
}

/** Recipients per batch (one transaction, one step of the job). */
export const NEWSLETTER_BATCH = 200;

export interface StartResult {
  state: NewsletterState;
  recipients: number;
}

function failureCode(error: unknown): string {
  return error instanceof DomainError ? error.code : "newsletterFailed";
}

/**
 * Starts sending: reads the audience into the recipients (once: a newsletter already sending is
 * resumed as it is) and counts them. A template that cannot be sent any more (in the trash, a merge
 * field whose field was removed) fails the newsletter with the reason, before anyone gets anything.
 */
export async function startNewsletter(db: Db, ref: NewsletterRef, now = new Date()): Promise<StartResult> {
  return db.transaction(async (tx) => {
    const [newsletter] = await tx
      .select()
      .from(newsletters)
      .where(and(eq(newsletters.id, ref.newsletterId), eq(newsletters.workspaceId, ref.workspaceId)))
      .for("update");
    if (!newsletter) return { state: "failed" as const, recipients: 0 };
    if (newsletter.state !== "scheduled") return { state: newsletter.state, recipients: newsletter.recipientCount ?? 0 };
    try {
      await prepareTemplate(tx, ref.workspaceId, newsletter.templateId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await tx
        .update(newsletters)
        .set({ state: "failed", error: failureCode(error), finishedAt: now, updatedAt: now })
        .where(eq(newsletters.id, newsletter.id));
      return { state: "failed" as const, recipients: 0 };
    }
    const audience = await audienceCondition(tx, newsletter);
    // Every address of the audience once: a contact person's or the business's own, the consenting
    // occurrence first; not consented or suppressed ones are kept as skipped, with the reason.
    await tx.execute(sql`
      insert into ${newsletterRecipients} (newsletter_id, address, workspace_id, datasheet_id, contact_id, name, state, reason)
      select ${newsletter.id}::uuid, a.address, ${ref.workspaceId}::uuid, a.datasheet_id, a.contact_id, a.name,
             (case when s.address is not null or not a.consented then 'skipped' else 'pending' end)::newsletter_recipient_state,
             case when s.address is not null then 'suppressed' when not a.consented then 'notConsented' end
        from (
          select x.address,
                 (array_agg(x.datasheet_id order by x.consent_at is null, x.ord, x.datasheet_id))[1] as datasheet_id,
                 (array_agg(x.contact_id order by x.consent_at is null, x.ord, x.datasheet_id))[1] as contact_id,
                 (array_agg(x.name order by x.consent_at is null, x.ord, x.datasheet_id))[1] as name,
                 bool_or(x.consent_at is not null) as consented
            from (
              select ${datasheets.id} as datasheet_id, ${contacts.id} as contact_id, ${contacts.name} as name,
                     lower(trim(${contacts.email})) as address, ${contacts.newsletterConsentAt} as consent_at, 0 as ord
                from ${datasheets} join ${contacts} on ${contacts.businessId} = ${datasheets.businessId}
               where ${audience} and coalesce(trim(${contacts.email}), '') <> ''
              union all
              select ${datasheets.id}, null, null, lower(trim(${businesses.email})), ${businesses.newsletterConsentAt}, 1
                from ${datasheets} join ${businesses} on ${businesses.id} = ${datasheets.businessId}
               where ${audience} and coalesce(trim(${businesses.email}), '') <> ''
            ) x
           group by x.address
        ) a
        left join ${emailSuppressions} s on s.workspace_id = ${ref.workspaceId}::uuid and s.address = a.address
      on conflict do nothing`);
    const [counts] = await tx
      .select({
        pending: sql<number>`count(*) filter (where ${newsletterRecipients.state} = 'pending')::int`,
        skipped: sql<number>`count(*) filter (where ${newsletterRecipients.state} = 'skipped')::int`,
      })
      .from(newsletterRecipients)
      .where(eq(newsletterRecipients.newsletterId, newsletter.id));
    await tx
      .update(newsletters)
      .set({ state: "sending", startedAt: now, recipientCount: counts!.pending, skippedCount: counts!.skipped, updatedAt: now })
      .where(eq(newsletters.id, newsletter.id));
    return { state: "sending" as const, recipients: counts!.pending };
  });
}

export interface BatchResult {
  state: NewsletterState;
  sent: number;
  skipped: number;
  /** True when nothing is left to send (the newsletter is then `sent`, or was stopped). */
  isDone: boolean;
}

/**
 * Sends the next batch of pending recipients in one transaction: each address checked again (a
 * consent withdrawn or an unsubscribe since the start skips it), merged for its datasheet and
 * stored through the one sending path; the rows marked and the progress counted. A cancelled
 * newsletter sends nothing more.
 */
export async function sendNewsletterBatch(db: Db, ref: NewsletterRef, options: { size?: number; now?: Date } = {}): Promise<BatchResult> {
  const size = options.size ?? NEWSLETTER_BATCH;
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const [newsletter] = await tx
      .select()
      .from(newsletters)
      .where(and(eq(newsletters.id, ref.newsletterId), eq(newsletters.workspaceId, ref.workspaceId)))
      .for("update");
    if (!newsletter || newsletter.state !== "sending") return { state: newsletter?.state ?? "failed", sent: 0, skipped: 0, isDone: true };
    const batch = await tx
      .select()
      .from(newsletterRecipients)
      .where(and(eq(newsletterRecipients.newsletterId, newsletter.id), eq(newsletterRecipients.state, "pending")))
      .orderBy(asc(newsletterRecipients.address))
      .limit(size);
    if (!batch.length) {
      await tx.update(newsletters).set({ state: "sent", finishedAt: now, updatedAt: now }).where(eq(newsletters.id, newsletter.id));
      return { state: "sent" as const, sent: 0, skipped: 0, isDone: true };
    }
    let prepared: PreparedTemplate;
    try {
      prepared = await prepareTemplate(tx, ref.workspaceId, newsletter.templateId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await tx
        .update(newsletters)
        .set({ state: "failed", error: failureCode(error), finishedAt: now, updatedAt: now })
        .where(eq(newsletters.id, newsletter.id));
      return { state: "failed" as const, sent: 0, skipped: 0, isDone: true };
    }
    const data = await datasheetMergeData(
      tx,
      ref.workspaceId,
      batch.flatMap((r) => (r.datasheetId ? [r.datasheetId] : [])),
    );
    const suppressed = await suppressedAddresses(
      tx,
      ref.workspaceId,
      batch.map((r) => r.address),
    );
    const toSend: { address: string; merged: MergedTemplate; ref: MergedEmailRef }[] = [];
    const skipped: { address: string; reason: string }[] = [];
    for (const row of batch) {
      const sheet = row.datasheetId ? data.get(row.datasheetId) : undefined;
      const recipient = { email: row.address, name: row.name, contactId: row.contactId };
      if (!sheet) skipped.push({ address: row.address, reason: "datasheetGone" });
      else if (suppressed.has(row.address)) skipped.push({ address: row.address, reason: "suppressed" });
      else if (!hasConsent(sheet, recipient)) skipped.push({ address: row.address, reason: "notConsented" });
      else
        toSend.push({
          address: row.address,
          merged: mergeTemplate(prepared, sheet, { recipient, senderUserId: newsletter.createdByUserId }),
          ref: { datasheetId: sheet.id, idempotencyKey: `newsletter/${newsletter.id}/${row.address}`, senderUserId: newsletter.createdByUserId },
        });
    }
    // The whole batch's emails in a few statements (the email's idempotency key: never twice).
    const queued = await queueMergedEmails(tx, ref.workspaceId, toSend);
    const sent = toSend.map((item, i) => ({ address: item.address, email_id: queued[i]!.emailId! }));
    // Marked in one statement per outcome, whatever the batch's size.
    if (sent.length) {
      await tx.execute(sql`
        update ${newsletterRecipients} r set state = 'sent', email_id = v.email_id
          from jsonb_to_recordset(${jsonRows(sent)}) as v(address text, email_id uuid)
         where r.newsletter_id = ${newsletter.id}::uuid and r.address = v.address`);
    }
    if (skipped.length) {
      await tx.execute(sql`
        update ${newsletterRecipients} r set state = 'skipped', reason = v.reason
          from jsonb_to_recordset(${jsonRows(skipped)}) as v(address text, reason text)
         where r.newsletter_id = ${newsletter.id}::uuid and r.address = v.address`);
    }
    await tx
      .update(newsletters)
      .set({
        sentCount: sql`${newsletters.sentCount} + ${sent.length}`,
        skippedCount: sql`${newsletters.skippedCount} + ${skipped.length}`,
        updatedAt: now,
      })
      .where(eq(newsletters.id, newsletter.id));
    return { state: "sending" as const, sent: sent.length, skipped: skipped.length, isDone: false };
  });
}
