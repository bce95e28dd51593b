import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { automations, automationSteps, statuses, type AutomationStepKind, type AutomationStepSettings } from "@/db/schema";
import { systemActor } from "@/lib/auth/permissions";
import { createEmailTemplate } from "@/lib/email-templates/mutations";
import type { Locale } from "@/lib/i18n/locales";

/*
 * SPEC §4: the automatic sales module ships its default automations, switched off until an admin
 * activates them, with the email templates they send (editable like any other):
 * Awaiting processing → email to the client and to the responsible user; Awaiting contact → after
 * 3 days, email to the sales managers that the quote is late; One-time → a thank-you to the client.
 * New modules get them here (Settings → Modules, the demo); modules made before they existed got the
 * same through migration 0018, which repeats these texts in SQL.
 */

type Text = Record<Locale, string>;

/** A text in both languages. */
const both = (en: string, hu: string): Text => ({ en, hu });

/** A template: its name is its subject unless it has one of its own. */
const template = (name: Text, body: Text, subject: Text = name) => ({ name, subject, body });

const templates = {
  request_received: template(
    both("We received your request", "Megkaptuk megkeresését"),
    both(
      "Dear {{contact.name}},\n\nthank you for contacting {{workspace.name}}. We received your request and will get back to you soon.\n\n{{sender.signature}}",
      "Kedves {{contact.name}}!\n\nKöszönjük, hogy megkereste a(z) {{workspace.name}} csapatát. Megkaptuk kérését, hamarosan jelentkezünk.\n\n{{sender.signature}}",
    ),
  ),
  new_inquiry: template(
    both("New inquiry for you", "Új érdeklődő neked"),
    both(
      "Hi {{user.name}},\n\n{{business.name}} is waiting for you to process their request: {{datasheet.url}}",
      "Szia {{user.name}}!\n\n{{business.name}} arra vár, hogy feldolgozd a megkeresését: {{datasheet.url}}",
    ),
    both("New inquiry: {{business.name}}", "Új érdeklődő: {{business.name}}"),
  ),
  quote_late: template(
    both("The quote is late", "Késik az árajánlat"),
    both(
      "Hi {{user.name}},\n\n{{business.name}} has been waiting for contact for 3 days: {{datasheet.url}}",
      "Szia {{user.name}}!\n\n{{business.name}} 3 napja vár a kapcsolatfelvételre: {{datasheet.url}}",
    ),
    both("No quote yet for {{business.name}}", "Még nincs árajánlat: {{business.name}}"),
  ),
  thank_you: template(
    both("Thank you for your purchase", "Köszönjük vásárlását"),
    both(
      "Dear {{contact.name}},\n\nthank you for choosing {{workspace.name}}. We are glad to have you as a customer.\n\n{{sender.signature}}",
      "Kedves {{contact.name}}!\n\nKöszönjük, hogy a(z) {{workspace.name}} csapatát választotta. Örülünk, hogy ügyfelünk lett.\n\n{{sender.signature}}",
    ),
  ),
};

type TemplateKey = keyof typeof templates;

interface DefaultStep {
  kind: AutomationStepKind;
  template: TemplateKey;
  delayMinutes: number;
  settings: AutomationStepSettings;
}

const DAY_MINUTES = 24 * 60;

/** An email step: to the client, or to users (`to`); optionally after some days. */
function email(template: TemplateKey, to: "client" | { responsible: true } | { role: "manager" }, afterDays = 0): DefaultStep {
  const delayMinutes = afterDays * DAY_MINUTES;
  if (to === "client") return { kind: "email_client", template, delayMinutes, settings: {} };
  const settings: AutomationStepSettings = "role" in to ? { recipient: "role", userId: null, role: to.role } : { recipient: "responsible", userId: null, role: null };
  return { kind: "email_user", template, delayMinutes, settings };
}

/** An automation entering the status of the same key. */
const automation = (key: string, name: Text, steps: DefaultStep[]) => ({ key, status: key, name, steps });

const defaults = [
  automation("awaiting_processing", both("New inquiry received", "Új megkeresés érkezett"), [
    email("request_received", "client"),
    email("new_inquiry", { responsible: true }),
  ]),
  automation("awaiting_contact", both("Quote late", "Késő árajánlat"), [email("quote_late", { role: "manager" }, 3)]),
  automation("one_time", both("Thank you", "Köszönet"), [email("thank_you", "client")]),
];

/** The seed keys the defaults carry (`sales_auto.<key>`), templates and automations alike. */
export const defaultSeedKey = (key: string) => `sales_auto.${key}`;

/**
 * Seeds the automatic module's default templates and automations (switched off), in the caller's
 * transaction: Settings → Modules → New module, and the demo.
 */
export async function seedDefaultAutomations(tx: Tx, workspaceId: string, moduleId: string, locale: Locale): Promise<void> {
  const actor = systemActor(workspaceId, "seed");
  const keyed = await tx
    .select({ id: statuses.id, key: statuses.key })
    .from(statuses)
    .where(
      and(
        eq(statuses.moduleId, moduleId),
        inArray(
          statuses.key,
          defaults.map((d) => d.status),
        ),
      ),
    );
  const statusIds = new Map(keyed.map((s) => [s.key, s.id]));
  const templateIds = new Map<string, string>();
  for (const [key, t] of Object.entries(templates)) {
    const created = await createEmailTemplate(tx, actor, { moduleId, name: t.name[locale], subject: t.subject[locale], body: t.body[locale], seedKey: defaultSeedKey(key) });
    templateIds.set(key, created.id);
  }
  const rows = await tx
    .insert(automations)
    .values(defaults.map((d) => ({ workspaceId, moduleId, name: d.name[locale], statusId: statusIds.get(d.status) ?? null, seedKey: defaultSeedKey(d.key) })))
    .returning({ id: automations.id, seedKey: automations.seedKey });
  const idOf = new Map(rows.map((r) => [r.seedKey, r.id]));
  await tx.insert(automationSteps).values(
    defaults.flatMap((d) =>
      d.steps.map((step, position) => ({
        workspaceId,
        automationId: idOf.get(defaultSeedKey(d.key))!,
        position,
        kind: step.kind,
        delayMinutes: step.delayMinutes,
        settings: { templateId: templateIds.get(step.template)!, ...step.settings },
      })),
    ),
  );
}
