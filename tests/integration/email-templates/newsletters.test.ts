import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { businesses, contacts, datasheets, emails, emailSuppressions, newsletterRecipients, newsletters, outboxEvents, views } from "@/db/schema";
import { sendNewsletter } from "@/inngest/functions/send-newsletter";
import { createEmailTemplate, trashEmailTemplate } from "@/lib/email-templates/mutations";
import { EmbeddedRuntime } from "@/lib/jobs/embedded-runtime";
import { cancelNewsletter, scheduleNewsletter } from "@/lib/newsletters/mutations";
import { listNewsletters, newsletterFormOptions } from "@/lib/newsletters/queries";
import { sendNewsletterBatch, startNewsletter } from "@/lib/newsletters/sending";
import { createWorkspace, uniqueSuffix, type TestWorkspace } from "../../factories";
import { createTestClient } from "../../factories/datasheets";
import { createTestModule, statusByKey } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";
import { TEST_SECRET } from "../email/helpers";

beforeAll(() => {
  vi.stubEnv("AUTH_SECRET", TEST_SECRET);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const silent = { warn: () => {}, error: () => {} };

/**
 * A module whose "New lead" status holds: two consenting contacts, a contact who did not consent
 * (but whose business did, with its own address), an unsubscribed consenting address, one address on
 * two datasheets, a trashed datasheet; and a consenting client in another status.
 */
async function audience(ws: TestWorkspace) {
  const db = testDb();
  const config = await createTestModule(ws.actors.admin);
  const lead = statusByKey(config, "new_lead").id;
  const other = statusByKey(config, "contacted").id;
  const tag = uniqueSuffix();
  const address = (name: string) => `${name}-${tag}@example.test`;
  const client = async (
    name: string,
    people: { name: string; email: string; consent: boolean }[],
    options: { email?: string; consent?: boolean; statusId?: string } = {},
  ) => {
    const { datasheetId, businessId } = await createTestClient(ws.actors.admin, config.module.id, {
      name,
      email: options.email,
      statusId: options.statusId ?? lead,
      contacts: people.map(({ name, email }) => ({ name, email })),
    });
    const now = new Date();
    for (const person of people.filter((p) => p.consent))
      await db
        .update(contacts)
        .set({ newsletterConsentAt: now })
        .where(and(eq(contacts.businessId, businessId), eq(contacts.email, person.email)));
    if (options.consent) await db.update(businesses).set({ newsletterConsentAt: now }).where(eq(businesses.id, businessId));
    return datasheetId;
  };
  const ids = {
    anna: await client("Anna Kft.", [{ name: "Kovács Anna", email: address("anna"), consent: true }]),
    bela: await client("Béla Bt.", [{ name: "Nagy Béla", email: address("bela"), consent: false }], { email: address("info-bela"), consent: true }),
    cili: await client("Cili Zrt.", [{ name: "Kiss Cili", email: address("cili"), consent: true }]),
    dupe1: await client("Dupla 1 Kft.", [{ name: "Dupla Dóra", email: address("dora"), consent: true }]),
    dupe2: await client("Dupla 2 Kft.", [{ name: "Dupla Dóra", email: address("DORA"), consent: true }]),
    trashed: await client("Kuka Kft.", [{ name: "Kuka Kata", email: address("kata"), consent: true }]),
    elsewhere: await client("Máshol Kft.", [{ name: "Máshol Márta", email: address("marta"), consent: true }], { statusId: other }),
  };
  await db.insert(emailSuppressions).values({ workspaceId: ws.workspace.id, address: address("cili"), reason: "unsubscribed" });
  await db.update(datasheets).set({ deletedAt: new Date() }).where(eq(datasheets.id, ids.trashed));
  const { id: templateId } = await createEmailTemplate(db, ws.actors.admin, {
    moduleId: config.module.id,
    name: "Spring",
    subject: "Spring offer for {{business.name}}",
    body: "Dear {{contact.name}},\n\nour spring offer.\n\n[Unsubscribe]({{unsubscribe_url}})",
  });
  return { db, config, lead, other, ids, address, templateId, expected: [address("anna"), address("dora"), address("info-bela")].sort() };
}

async function newsletterEmails(db: Db, newsletterId: string) {
  return db
    .select()
    .from(emails)
    .where(like(emails.idempotencyKey, `newsletter/${newsletterId}/%`))
    .orderBy(emails.toAddress);
}

describeEachBackend("scheduled newsletters", () => {
  it("goes through the jobs runtime at its time to active, consenting addresses only, once each, with the unsubscribe headers and link", async () => {
    const ws = await createWorkspace();
    const { db, lead, templateId, expected } = await audience(ws);
    const at = new Date(Date.now() + 60 * 60_000);
    const { id } = await scheduleNewsletter(db, ws.actors.manager, { templateId, audience: "status", audienceId: lead, scheduledAt: at.toISOString() });
    const [event] = await db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.name, "newsletter/scheduled"), sql`${outboxEvents.data}->>'newsletterId' = ${id}`));
    expect(event!.deliverAt.getTime()).toBe(at.getTime());

    let time = Date.now();
    const rt = new EmbeddedRuntime({ db, jobs: [sendNewsletter], now: () => new Date(time), logger: silent });
    await rt.tick();
    expect((await db.select().from(newsletters).where(eq(newsletters.id, id)))[0]!.state).toBe("scheduled");
    time = at.getTime() + 1000;
    await rt.tick();

    const [done] = await db.select().from(newsletters).where(eq(newsletters.id, id));
    expect(done).toMatchObject({ state: "sent", recipientCount: 3, sentCount: 3, skippedCount: 2 });
    const sent = await newsletterEmails(db, id);
    expect(sent.map((e) => e.toAddress.toLowerCase()).sort()).toEqual(expected);
    for (const email of sent) {
      expect(email).toMatchObject({ kind: "marketing", status: "queued", senderUserId: ws.users.manager.id });
      expect(email.datasheetId).not.toBeNull();
      expect(email.headers["List-Unsubscribe"]).toMatch(/^<http.+\/api\/email\/unsubscribe\/.+>$/);
      expect(email.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      expect(email.html).toMatch(/href="http[^"]+\/unsubscribe\/[^"]+"[^>]*>Unsubscribe<\/a>/);
    }
    expect(sent.find((e) => e.toAddress.includes("anna"))!.subject).toBe("Spring offer for Anna Kft.");
    // The business's own address greets the business: its contact person did not consent.
    expect(sent.find((e) => e.toAddress.includes("info-bela"))!.html).toContain("Dear Béla Bt.,");
    const skipped = await db
      .select()
      .from(newsletterRecipients)
      .where(and(eq(newsletterRecipients.newsletterId, id), eq(newsletterRecipients.state, "skipped")));
    expect(skipped.map((r) => r.reason).sort()).toEqual(["notConsented", "suppressed"]);
  });

  it("resumes after a crash mid-batch and after a crash between batches without sending anyone anything twice", async () => {
    const ws = await createWorkspace();
    const { db, lead, templateId, expected, address, ids } = await audience(ws);
    const { id } = await scheduleNewsletter(db, ws.actors.admin, { templateId, audience: "status", audienceId: lead, scheduledAt: new Date().toISOString() });
    const ref = { workspaceId: ws.workspace.id, newsletterId: id };
    expect(await startNewsletter(db, ref)).toEqual({ state: "sending", recipients: 3 });

    // The process dies in the middle of the first batch: nothing of it was committed.
    await expect(
      db.transaction(async (tx) => {
        await sendNewsletterBatch(tx as unknown as Db, ref, { size: 2 });
        throw new Error("the process died");
      }),
    ).rejects.toThrow("the process died");
    expect(await newsletterEmails(db, id)).toHaveLength(0);

    // The retry starts again (the audience is not read twice), and sends the first batch.
    expect(await startNewsletter(db, ref)).toEqual({ state: "sending", recipients: 3 });
    expect(await sendNewsletterBatch(db, ref, { size: 2 })).toMatchObject({ sent: 2, isDone: false });
    // Meanwhile the last one unsubscribes: the next batch leaves it out.
    await db.insert(emailSuppressions).values({ workspaceId: ws.workspace.id, address: address("info-bela"), reason: "unsubscribed" });
    // A crash after the batch committed but before the job recorded it: the same batch runs again and finds its rows sent.
    expect(await sendNewsletterBatch(db, ref, { size: 2 })).toMatchObject({ sent: 0, skipped: 1, isDone: false });
    expect(await sendNewsletterBatch(db, ref, { size: 2 })).toMatchObject({ state: "sent", isDone: true });
    expect(await sendNewsletterBatch(db, ref, { size: 2 })).toMatchObject({ sent: 0, isDone: true });

    const sent = await newsletterEmails(db, id);
    expect(sent.map((e) => e.toAddress.toLowerCase()).sort()).toEqual(expected.filter((a) => !a.startsWith("info-bela")));
    expect(new Set(sent.map((e) => e.toAddress.toLowerCase())).size).toBe(sent.length);
    const [done] = await db.select().from(newsletters).where(eq(newsletters.id, id));
    expect(done).toMatchObject({ state: "sent", sentCount: 2, skippedCount: 3 });
    expect(ids.elsewhere).toBeTruthy();
    // The page's list: the progress figure and who scheduled it; the form offers the template and the module's statuses.
    const [listed] = await listNewsletters(db, ws.actors.manager);
    expect(listed).toMatchObject({
      id,
      state: "sent",
      recipientCount: 3,
      pendingCount: 0,
      sentCount: 2,
      skippedCount: 3,
      audience: "status",
      audienceName: "New lead",
    });
    const [formModule] = await newsletterFormOptions(db, ws.actors.manager);
    expect(formModule!.templates.map((t) => t.id)).toEqual([templateId]);
    expect(formModule!.groups.flatMap((g) => g.statuses.map((s) => s.name))).toContain("New lead");
    await expect(listNewsletters(db, ws.actors.normal)).rejects.toMatchObject({ code: "forbidden" });
    expect(await listNewsletters(db, (await createWorkspace()).actors.admin)).toEqual([]);
  });

  it("a status group and a view are audiences too; a cancelled one sends nothing more; a trashed template fails it with the reason", async () => {
    const ws = await createWorkspace();
    const { db, config, templateId, address } = await audience(ws);
    const openGroup = config.groups.find((g) => g.statuses.some((s) => s.key === "new_lead"))!;
    const { id: byGroup } = await scheduleNewsletter(db, ws.actors.admin, {
      templateId,
      audience: "status_group",
      audienceId: openGroup.id,
      scheduledAt: new Date().toISOString(),
    });
    await startNewsletter(db, { workspaceId: ws.workspace.id, newsletterId: byGroup });
    const recipients = await db
      .select()
      .from(newsletterRecipients)
      .where(and(eq(newsletterRecipients.newsletterId, byGroup), eq(newsletterRecipients.state, "pending")));
    expect(recipients.map((r) => r.address)).toContain(address("marta"));

    const [view] = await db
      .insert(views)
      .values({
        workspaceId: ws.workspace.id,
        moduleId: config.module.id,
        ownerUserId: ws.users.admin.id,
        name: "Anna",
        isShared: true,
        filter: { q: "anna kft" },
        position: "a",
      })
      .returning();
    const { id: byView } = await scheduleNewsletter(db, ws.actors.admin, {
      templateId,
      audience: "view",
      audienceId: view!.id,
      scheduledAt: new Date().toISOString(),
    });
    expect(await startNewsletter(db, { workspaceId: ws.workspace.id, newsletterId: byView })).toEqual({ state: "sending", recipients: 1 });
    await cancelNewsletter(db, ws.actors.manager, byView);
    expect(await sendNewsletterBatch(db, { workspaceId: ws.workspace.id, newsletterId: byView })).toMatchObject({ state: "cancelled", sent: 0, isDone: true });
    expect(await newsletterEmails(db, byView)).toHaveLength(0);
    await expect(cancelNewsletter(db, ws.actors.manager, byView)).rejects.toMatchObject({ code: "newsletterFinished" });

    const { id: later } = await scheduleNewsletter(db, ws.actors.admin, {
      templateId,
      audience: "status_group",
      audienceId: openGroup.id,
      scheduledAt: new Date().toISOString(),
    });
    await trashEmailTemplate(db, ws.actors.admin, templateId);
    expect(await startNewsletter(db, { workspaceId: ws.workspace.id, newsletterId: later })).toEqual({ state: "failed", recipients: 0 });
    expect((await db.select().from(newsletters).where(eq(newsletters.id, later)))[0]).toMatchObject({ state: "failed", error: "notFound" });
  });

  it("roles: admins and managers schedule; normal and restricted users may not; another workspace's template, status or view is not found; the past is refused", async () => {
    const ws = await createWorkspace();
    const { db, lead, templateId } = await audience(ws);
    const input = { templateId, audience: "status" as const, audienceId: lead, scheduledAt: new Date().toISOString() };
    for (const role of ["normal", "restricted"] as const) {
      await expect(scheduleNewsletter(db, ws.actors[role], input)).rejects.toMatchObject({ code: "forbidden" });
    }
    const other = await createWorkspace();
    await expect(scheduleNewsletter(db, other.actors.admin, input)).rejects.toMatchObject({ code: "notFound" });
    const otherModule = await createTestModule(other.actors.admin);
    await expect(scheduleNewsletter(db, ws.actors.admin, { ...input, audienceId: statusByKey(otherModule, "new_lead").id })).rejects.toMatchObject({
      code: "notFound",
    });
    await expect(scheduleNewsletter(db, ws.actors.admin, { ...input, scheduledAt: new Date(Date.now() - 86_400_000).toISOString() })).rejects.toMatchObject({
      fieldErrors: { scheduledAt: "scheduledInPast" },
    });
    const { id } = await scheduleNewsletter(db, ws.actors.admin, input);
    await expect(cancelNewsletter(db, other.actors.admin, id)).rejects.toMatchObject({ code: "notFound" });
    await expect(cancelNewsletter(db, ws.actors.normal, id)).rejects.toMatchObject({ code: "forbidden" });
  });
});
