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
 */

type Text = Record<Locale, string>;

const templates: Record<string, { name: Text; subject: Text; body: Text }> = {
  request_received: {
    name: { en: "We received your request", hu: "Megkaptuk megkeresését" },
    subject: { en: "We received your request", hu: "Megkaptuk megkeresését" },
    body: {
      en: "Dear {{contact.name}},\n\nthank you for contacting {{workspace.name}}. We received your request and will get back to you soon.\n\n{{sender.signature}}",
      hu: "Kedves {{contact.name}}!\n\nKöszönjük, hogy megkereste a(z) {{workspace.name}} csapatát. Megkaptuk kérését, hamarosan jelentkezünk.\n\n{{sender.signature}}",
    },
  },
  new_inquiry: {
    name: { en: "New inquiry for you", hu: "Új érdeklődő neked" },
    subject: { en: "New inquiry: {{business.name}}", hu: "Új érdeklődő: {{business.name}}" },
    body: {
      en: "Hi {{user.name}},\n\n{{business.name}} is waiting for you to process their request: {{datasheet.url}}",
      hu: "Szia {{user.name}}!\n\n{{business.name}} arra vár, hogy feldolgozd a megkeresését: {{datasheet.url}}",
    },
  },
  quote_late: {
    name: { en: "The quote is late", hu: "Késik az árajánlat" },
    subject: { en: "No quote yet for {{business.name}}", hu: "Még nincs árajánlat: {{business.name}}" },
    body: {
      en: "Hi {{user.name}},\n\n{{business.name}} has been waiting for contact for 3 days: {{datasheet.url}}",
      hu: "Szia {{user.name}}!\n\n{{business.name}} 3 napja vár a kapcsolatfelvételre: {{datasheet.url}}",
    },
  },
  thank_you: {
    name: { en: "Thank you for your purchase", hu: "Köszönjük vásárlását" },
    subject: { en: "Thank you for your purchase", hu: "Köszönjük vásárlását" },
    body: {
      en: "Dear {{contact.name}},\n\nthank you for choosing {{workspace.name}}. We are glad to have you as a customer.\n\n{{sender.signature}}",
      hu: "Kedves {{contact.name}}!\n\nKöszönjük, hogy a(z) {{workspace.name}} csapatát választotta. Örülünk, hogy ügyfelünk lett.\n\n{{sender.signature}}",
    },
  },
};

type DefaultStep = { kind: AutomationStepKind; delayMinutes?: number; template: keyof typeof templates; settings?: AutomationStepSettings };

const defaults: { key: string; status: string; name: Text; steps: DefaultStep[] }[] = [
  {
    key: "awaiting_processing",
    status: "awaiting_processing",
    name: { en: "New inquiry received", hu: "Új megkeresés érkezett" },
    steps: [
      { kind: "email_client", template: "request_received" },
      { kind: "email_user", template: "new_inquiry", settings: { recipient: "responsible", userId: null, role: null } },
    ],
  },
  {
    key: "awaiting_contact",
    status: "awaiting_contact",
    name: { en: "Quote late", hu: "Késő árajánlat" },
    steps: [{ kind: "email_user", delayMinutes: 3 * 24 * 60, template: "quote_late", settings: { recipient: "role", userId: null, role: "manager" } }],
  },
  {
    key: "one_time",
    status: "one_time",
    name: { en: "Thank you", hu: "Köszönet" },
    steps: [{ kind: "email_client", template: "thank_you" }],
  },
];

/** Seeds the automatic module's default templates and automations (switched off), in the module's creation transaction. */
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
    const created = await createEmailTemplate(tx, actor, {
      moduleId,
      name: t.name[locale],
      subject: t.subject[locale],
      body: t.body[locale],
      seedKey: `sales_auto.${key}`,
    });
    templateIds.set(key, created.id);
  }
  for (const automation of defaults) {
    const [row] = await tx
      .insert(automations)
      .values({
        workspaceId,
        moduleId,
        name: automation.name[locale],
        statusId: statusIds.get(automation.status) ?? null,
        seedKey: `sales_auto.${automation.key}`,
      })
      .returning({ id: automations.id });
    await tx.insert(automationSteps).values(
      automation.steps.map((step, position) => ({
        workspaceId,
        automationId: row!.id,
        position,
        kind: step.kind,
        delayMinutes: step.delayMinutes ?? 0,
        settings: { templateId: templateIds.get(step.template)!, ...step.settings },
      })),
    );
  }
}
