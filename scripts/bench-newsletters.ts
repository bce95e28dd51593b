/**
 * `newsletter_20k_emails_per_s` (`npm run bench`): a newsletter to 20,000 consenting recipients sent
 * through the embedded runtime into the outbox — the audience read into its recipients, then batch by
 * batch each email merged, rendered through the React Email layout (tracked links, open pixel,
 * List-Unsubscribe) and stored with its `email/queued` event, each batch one transaction — in
 * emails stored per second; baseline: the same email's render alone (renderEmail, no database),
 * per second, in the same run. BENCH_NEWSLETTER_RECIPIENTS changes the count.
 */
import { randomUUID } from "node:crypto";
import { and, count, eq, like, sql } from "drizzle-orm";
import { useConnection as setConnection } from "../db/client";
import { openPglite } from "../db/drivers/pglite";
import { emails, newsletters, statuses } from "../db/schema";
import { sendNewsletter } from "../inngest/functions/send-newsletter";
import type { UserActor } from "../lib/auth/permissions";
import { createEmailTemplate } from "../lib/email-templates/mutations";
import { renderEmail } from "../lib/email/send";
import { EmbeddedRuntime } from "../lib/jobs/embedded-runtime";
import { createModuleFromKind } from "../lib/modules/module-mutations";
import { scheduleNewsletter } from "../lib/newsletters/mutations";

const RECIPIENTS = Number(process.env.BENCH_NEWSLETTER_RECIPIENTS ?? 20_000);
const RENDERS = 300;

type Figure = { name: string; value: number; unit: string; baseline: number; ratio: number };

const SUBJECT = "Spring offer for {{business.name}}";
const BODY = [
  "Dear {{contact.name}},",
  "",
  "until the end of March our office chairs and desks are **20% off**. See [the whole range](https://shop.example.test/spring).",
  "",
  "{{sender.signature}}",
].join("\n");

export async function benchNewsletters(report: (figure: Figure) => void): Promise<void> {
  const previous = process.env.AUTH_SECRET;
  process.env.AUTH_SECRET ??= "bench-newsletters-secret";
  const connection = await openPglite(); // in memory
  try {
    await connection.migrate();
    setConnection(connection);
    const db = connection.db;
    const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
    const workspaceId = rows<{ id: string }>(await db.execute(sql`insert into workspaces (name) values ('Bench Newsletters Kft.') returning id`))[0]!.id;
    const adminId = rows<{ id: string }>(
      await db.execute(
        sql`insert into users (workspace_id, email, family_name, given_name, role, signature)
            values (${workspaceId}::uuid, 'admin@bench-newsletters.test', 'Kovács', 'Anna', 'admin', '**Kovács Anna**  \nsales') returning id`,
      ),
    )[0]!.id;
    const admin: UserActor = { userId: adminId, workspaceId, role: "admin" };
    const { id: moduleId } = await createModuleFromKind(admin, { kind: "sales_manual", name: "Sales" });
    const [status] = await db
      .select({ id: statuses.id })
      .from(statuses)
      .where(and(eq(statuses.moduleId, moduleId), eq(statuses.key, "new_lead")));
    // The audience, set-based: a business, a consenting contact person and a datasheet each.
    await db.execute(sql`
      with b as (
        insert into businesses (workspace_id, name, search_text)
        select ${workspaceId}::uuid, 'Bench ' || n || ' Kft.', 'bench ' || n from generate_series(1, ${RECIPIENTS}) as n
        returning id, name
      ), c as (
        insert into contacts (workspace_id, business_id, name, email, newsletter_consent_at)
        select ${workspaceId}::uuid, b.id, 'Contact of ' || b.name, 'contact-' || b.id || '@bench.test', now() from b
        returning id
      )
      insert into datasheets (workspace_id, module_id, business_id, business_name, status_id)
      select ${workspaceId}::uuid, ${moduleId}::uuid, b.id, b.name, ${status!.id}::uuid from b`);
    await db.execute(sql`vacuum analyze`);

    const { id: templateId } = await createEmailTemplate(db, admin, { moduleId, name: "Spring", subject: SUBJECT, body: BODY });
    const { id: newsletterId } = await scheduleNewsletter(db, admin, {
      templateId,
      audience: "status",
      audienceId: status!.id,
      scheduledAt: new Date().toISOString(),
    });
    const runtime = new EmbeddedRuntime({ db, jobs: [sendNewsletter], logger: { warn: () => {}, error: console.error } });

    const started = performance.now();
    for (;;) {
      await runtime.tick();
      const [row] = await db.select({ state: newsletters.state }).from(newsletters).where(eq(newsletters.id, newsletterId));
      if (row!.state !== "scheduled" && row!.state !== "sending") break;
    }
    const seconds = (performance.now() - started) / 1000;
    const [stored] = await db
      .select({ n: count() })
      .from(emails)
      .where(like(emails.idempotencyKey, `newsletter/${newsletterId}/%`));
    if (stored!.n !== RECIPIENTS) throw new Error(`the newsletter stored ${stored!.n} of ${RECIPIENTS} emails`);

    // Baseline: the layout's render rate alone, for the same email (merged once).
    const [sample] = await db.select({ subject: emails.subject }).from(emails).limit(1);
    const props = { locale: "en" as const, workspaceName: "Bench Newsletters Kft.", subject: sample!.subject, body: BODY.replace(/\{\{[^}]+\}\}/g, "Bench") };
    const renderStarted = performance.now();
    for (let i = 0; i < RENDERS; i++) await renderEmail(randomUUID(), { name: "email-template", kind: "marketing", props });
    const renderRate = RENDERS / ((performance.now() - renderStarted) / 1000);

    const rate = RECIPIENTS / seconds;
    report({ name: "newsletter_20k_emails_per_s", value: rate, unit: "emails/s", baseline: renderRate, ratio: rate / renderRate });
  } finally {
    await connection.close();
    if (previous === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = previous;
  }
}
