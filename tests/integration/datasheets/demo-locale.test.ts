import { and, asc, eq, isNull, ne, TransactionRollbackError } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import type { Tx } from "@/db/client";
import {
  automations,
  businesses,
  emailTemplates,
  contacts,
  datasheets,
  datasheetValues,
  fieldOptions,
  fields,
  historyEntries,
  modules,
  statuses,
  todos,
  users,
  workspaces,
} from "@/db/schema";
import { createDemoWorkspace } from "@/lib/demo/workspace";
import type { Locale } from "@/lib/i18n/locales";
import { describeEachBackend, type BackendContext } from "../../support/db";

/** What a user of the demo workspace reads: names and labels by their keys, and the clients' words. */
async function readDemo(tx: Tx, workspaceId: string) {
  const [workspace] = await tx.select({ locale: workspaces.locale }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const userLocales = await tx.select({ own: users.locale }).from(users).where(eq(users.workspaceId, workspaceId));
  const moduleRows = await tx.select({ kind: modules.kind, name: modules.name }).from(modules).where(eq(modules.workspaceId, workspaceId));
  const statusRows = await tx
    .select({ kind: modules.kind, key: statuses.key, name: statuses.name })
    .from(statuses)
    .innerJoin(modules, eq(modules.id, statuses.moduleId))
    .where(eq(statuses.workspaceId, workspaceId));
  const fieldRows = await tx
    .select({ kind: modules.kind, key: fields.key, label: fields.label })
    .from(fields)
    .innerJoin(modules, eq(modules.id, fields.moduleId))
    .where(eq(fields.workspaceId, workspaceId));
  const optionRows = await tx
    .select({ kind: modules.kind, field: fields.key, key: fieldOptions.key, label: fieldOptions.label })
    .from(fieldOptions)
    .innerJoin(fields, eq(fields.id, fieldOptions.fieldId))
    .innerJoin(modules, eq(modules.id, fields.moduleId))
    .where(eq(fields.workspaceId, workspaceId));
  const clientNames = await tx
    .select({ name: businesses.name, country: businesses.country })
    .from(businesses)
    .where(eq(businesses.workspaceId, workspaceId))
    .orderBy(asc(businesses.name));
  const positions = await tx.select({ position: contacts.position }).from(contacts).where(eq(contacts.workspaceId, workspaceId));
  const todoTexts = await tx.select({ text: todos.text }).from(todos).where(eq(todos.workspaceId, workspaceId));
  const bodies = await tx
    .select({ body: historyEntries.body })
    .from(historyEntries)
    .where(and(eq(historyEntries.workspaceId, workspaceId), ne(historyEntries.body, "")));
  const descriptions = await tx
    .select({ client: datasheets.businessName, text: datasheetValues.longTextValue })
    .from(datasheetValues)
    .innerJoin(fields, eq(fields.id, datasheetValues.fieldId))
    .innerJoin(datasheets, eq(datasheets.id, datasheetValues.datasheetId))
    .where(and(eq(datasheetValues.workspaceId, workspaceId), eq(fields.key, "description")));
  const automationRows = await tx.select({ key: automations.seedKey, name: automations.name }).from(automations).where(eq(automations.workspaceId, workspaceId));
  const templateRows = await tx
    .select({ key: emailTemplates.seedKey, subject: emailTemplates.subject })
    .from(emailTemplates)
    .where(eq(emailTemplates.workspaceId, workspaceId));
  const [aranyhid] = await tx
    .select({ id: datasheets.id, status: statuses.name, statusKey: statuses.key })
    .from(datasheets)
    .innerJoin(statuses, eq(statuses.id, datasheets.statusId))
    .where(and(eq(datasheets.workspaceId, workspaceId), eq(datasheets.businessName, "Hotel Aranyhíd Kft.")));
  const [aranyhidContact] = await tx
    .select({ name: contacts.name, position: contacts.position })
    .from(contacts)
    .innerJoin(datasheets, eq(datasheets.businessId, contacts.businessId))
    .where(eq(datasheets.id, aranyhid!.id));
  const [aranyhidTodo] = await tx
    .select({ text: todos.text })
    .from(todos)
    .where(and(eq(todos.datasheetId, aranyhid!.id), isNull(todos.doneAt)));
  const byKey = <T extends { kind: string; key: string }>(rows: T[], value: (r: T) => string, prefix: (r: T) => string = (r) => `${r.kind}.${r.key}`) =>
    Object.fromEntries(rows.map((r) => [prefix(r), value(r)]));
  return {
    workspaceLocale: workspace!.locale,
    userLocales: userLocales.map((u) => u.own),
    modules: Object.fromEntries(moduleRows.map((m) => [m.kind, m.name])),
    statuses: byKey(statusRows, (s) => s.name),
    fields: byKey(fieldRows, (f) => f.label),
    options: byKey(
      optionRows,
      (o) => o.label,
      (o) => `${o.kind}.${o.field}.${o.key}`,
    ),
    automations: Object.fromEntries(automationRows.map((a) => [a.key, a.name])),
    templateSubjects: Object.fromEntries(templateRows.map((t) => [t.key, t.subject])),
    clientNames: clientNames.map((c) => c.name),
    countries: [...new Set(clientNames.map((c) => c.country))],
    positions: new Set(positions.map((p) => p.position).filter((p) => p !== null)),
    todoTexts: new Set(todoTexts.map((t) => t.text)),
    historyBodies: new Set(bodies.map((b) => b.body)),
    descriptions: Object.fromEntries(descriptions.map((d) => [d.client, d.text])),
    aranyhid: { status: aranyhid!.status, statusKey: aranyhid!.statusKey, contact: aranyhidContact, openTodo: aranyhidTodo?.text },
  };
}

type Demo = Awaited<ReturnType<typeof readDemo>>;

/**
 * Seeds the demo workspace in a transaction that is then rolled back: the demo users' logins are
 * unique across the installation, and the shared PostgreSQL database must not keep them.
 */
async function seedAndRead(context: BackendContext, locale: Locale): Promise<Demo> {
  let demo: Demo | undefined;
  try {
    await context.db().transaction(async (tx) => {
      const { workspaceId } = await createDemoWorkspace(tx, locale, "not a password hash");
      demo = await readDemo(tx, workspaceId);
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return demo!;
}

const keysOf = (record: Record<string, string>) => Object.keys(record).sort();

describeEachBackend("the demo workspace in the language it is created with", (context) => {
  let en: Demo;
  let hu: Demo;
  // One seed per hook: each is a few seconds alone, longer on a busy machine.
  beforeAll(async () => {
    en = await seedAndRead(context, "en");
  });
  beforeAll(async () => {
    hu = await seedAndRead(context, "hu");
  });

  it("names modules, statuses, fields and options in Hungarian, as New module does, under the same keys", () => {
    expect(hu.workspaceLocale).toBe("hu");
    // The users read the workspace's language (none of their own, as a first administrator).
    expect(hu.userLocales).toEqual([null, null, null, null]);
    expect(hu.modules).toEqual({ customer_service: "Ügyfélszolgálat", sales_auto: "Értékesítés" });
    expect(hu.statuses).toMatchObject({
      "customer_service.new_request": "Új bejelentés",
      "customer_service.waiting_for_client": "Ügyfélre vár",
      "sales_auto.awaiting_processing": "Feldolgozásra vár",
      "sales_auto.one_time": "Egyszeri",
    });
    expect(hu.fields).toMatchObject({
      "customer_service.priority": "Prioritás",
      "customer_service.description": "Leírás",
      "sales_auto.qualification": "Minősítés",
    });
    expect(hu.options).toMatchObject({ "customer_service.priority.urgent": "Sürgős", "customer_service.channel.web_form": "Webes űrlap" });
    expect(keysOf(hu.statuses)).toEqual(keysOf(en.statuses));
    expect(keysOf(hu.fields)).toEqual(keysOf(en.fields));
    expect(keysOf(hu.options)).toEqual(keysOf(en.options));
  });

  it("names the Sales module's default automations and writes their templates in the workspace's language", () => {
    expect(hu.automations).toEqual({
      "sales_auto.awaiting_processing": "Új megkeresés érkezett",
      "sales_auto.awaiting_contact": "Késő árajánlat",
      "sales_auto.one_time": "Köszönet",
    });
    expect(en.automations).toEqual({ "sales_auto.awaiting_processing": "New inquiry received", "sales_auto.awaiting_contact": "Quote late", "sales_auto.one_time": "Thank you" });
    expect(hu.templateSubjects).toMatchObject({ "sales_auto.request_received": "Megkaptuk megkeresését", "sales_auto.quote_late": "Még nincs árajánlat: {{business.name}}" });
    expect(keysOf(hu.templateSubjects)).toEqual(keysOf(en.templateSubjects));
    expect(Object.values(hu.templateSubjects).filter((t) => Object.values(en.templateSubjects).includes(t))).toEqual([]);
  });

  it("writes the clients' contacts, descriptions, todos and history in Hungarian, the same clients as in English", () => {
    expect(hu.clientNames).toEqual(en.clientNames);
    expect(hu.countries).toEqual(["Magyarország"]);
    expect(hu.aranyhid).toEqual({
      status: "Folyamatban",
      statusKey: "in_progress",
      contact: { name: "Lakatos Judit", position: "Beszerzési vezető" },
      openTodo: "Egyeztetni a raktárral a cserefotelek szállítási napját",
    });
    expect(hu.descriptions["Hotel Aranyhíd Kft."]).toBe("A 40 lobbifotelből hat karcos karfával érkezett.");
    expect(hu.todoTexts).toContain("Árajánlatot készíteni 40 székre és 10 asztalra");
    expect(hu.historyBodies).toContain("Panasz fotókkal: hat fotel karcos.");
    // Not one English line left behind.
    expect([...hu.positions].filter((p) => en.positions.has(p))).toEqual([]);
    expect([...hu.todoTexts].filter((t) => en.todoTexts.has(t))).toEqual([]);
    expect([...hu.historyBodies].filter((b) => en.historyBodies.has(b))).toEqual([]);
    expect(Object.values(hu.descriptions).filter((d) => Object.values(en.descriptions).includes(d))).toEqual([]);
  });

  it("keeps the English demo English", () => {
    expect(en.workspaceLocale).toBe("en");
    expect(en.modules).toEqual({ customer_service: "Customer service", sales_auto: "Sales" });
    expect(en.statuses).toMatchObject({ "customer_service.new_request": "New request", "sales_auto.one_time": "One-time" });
    expect(en.fields).toMatchObject({ "customer_service.priority": "Priority" });
    expect(en.options).toMatchObject({ "customer_service.priority.urgent": "Urgent" });
    expect(en.countries).toEqual(["Hungary"]);
    expect(en.aranyhid).toEqual({
      status: "In progress",
      statusKey: "in_progress",
      contact: { name: "Lakatos Judit", position: "Purchasing manager" },
      openTodo: "Confirm the replacement armchairs' delivery date with the warehouse",
    });
    expect(en.descriptions["Hotel Aranyhíd Kft."]).toBe("Six of the 40 lobby armchairs delivered with scratched armrests.");
    expect(en.todoTexts).toContain("Prepare the quote for 40 chairs and 10 tables");
  });
});
