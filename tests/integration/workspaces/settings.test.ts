import { eq } from "drizzle-orm";
import { afterEach, expect, it } from "vitest";
import { emails, fields, workspaces } from "@/db/schema";
import { ForbiddenError } from "@/lib/errors";
import { addInvoice, listInvoices } from "@/lib/invoices/mutations";
import { createField } from "@/lib/modules/field-mutations";
import { addInvoiceSchema } from "@/lib/invoices/schemas";
import { updateWorkspaceSettingsSchema } from "@/lib/workspaces/schemas";
import { getWorkspaceEmailSettings, getWorkspaceSettings, updateWorkspaceSettings } from "@/lib/workspaces/settings";
import { createWorkspace } from "../../factories";
import { createTestClient } from "../../factories/datasheets";
import { createTestModule } from "../../factories/modules";
import { invitationTemplate, queueTestEmail } from "../email/helpers";
import { auditOf, rejectionOf } from "../modules/helpers";
import { describeEachBackend, testDb } from "../../support/db";

const input = updateWorkspaceSettingsSchema.parse({
  name: "Kiwi Trading Ltd",
  locale: "hu",
  timeZone: "pacific/auckland",
  currency: "nzd",
  emailSenderName: "Kiwi Trading",
  emailReplyTo: "Office@Kiwi.example",
  trashRetentionDays: "14",
});

const savedEmailFrom = process.env.EMAIL_FROM;
afterEach(() => {
  if (savedEmailFrom === undefined) delete process.env.EMAIL_FROM;
  else process.env.EMAIL_FROM = savedEmailFrom;
});

async function workspaceRow(id: string) {
  const [row] = await testDb().select().from(workspaces).where(eq(workspaces.id, id));
  return row!;
}

describeEachBackend("workspace settings", () => {
  it("lets an admin change the name, language, zone, currency, sender and retention, with an audit entry", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const saved = await updateWorkspaceSettings(testDb(), ws.actors.admin, input);
    expect(saved).toEqual({
      name: "Kiwi Trading Ltd",
      locale: "hu",
      timeZone: "Pacific/Auckland",
      currency: "NZD",
      emailSenderName: "Kiwi Trading",
      emailReplyTo: "office@kiwi.example",
      trashRetentionDays: 14,
    });
    expect(await getWorkspaceSettings(testDb(), ws.actors.admin)).toEqual(saved);
    const [entry] = await auditOf(ws.workspace.id);
    expect(entry).toMatchObject({ action: "workspace.settingsChanged", actorUserId: ws.users.admin.id });
    expect(entry!.details).toMatchObject({ timeZone: { from: "Europe/Budapest", to: "Pacific/Auckland" }, currency: { from: "HUF", to: "NZD" } });
    // Another workspace keeps its own.
    expect(await workspaceRow(other.workspace.id)).toMatchObject({
      name: other.workspace.name,
      timeZone: "Europe/Budapest",
      currency: "HUF",
      trashRetentionDays: 30,
    });
  });

  it("refuses every other role, and changes nothing", async () => {
    const ws = await createWorkspace();
    const before = await workspaceRow(ws.workspace.id);
    for (const role of ["manager", "normal", "restricted"] as const) {
      expect(await rejectionOf(updateWorkspaceSettings(testDb(), ws.actors[role], input)), role).toBeInstanceOf(ForbiddenError);
      expect(await rejectionOf(getWorkspaceSettings(testDb(), ws.actors[role])), role).toBeInstanceOf(ForbiddenError);
    }
    expect(await workspaceRow(ws.workspace.id)).toEqual(before);
    expect(await auditOf(ws.workspace.id)).toEqual([]);
  });

  it("changes only the admin's own workspace", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const before = await workspaceRow(other.workspace.id);
    await updateWorkspaceSettings(testDb(), ws.actors.admin, input);
    expect(await workspaceRow(other.workspace.id)).toEqual(before);
  });

  it("gives an invoice entered without a currency the workspace's default", async () => {
    const ws = await createWorkspace();
    const { module } = await createTestModule(ws.actors.admin);
    const { datasheetId } = await createTestClient(ws.actors.admin, module.id);
    const invoice = (number: string) => addInvoiceSchema.parse({ datasheetId, number, amount: "100", issuedOn: "2026-03-01" });
    await addInvoice(testDb(), ws.actors.normal, invoice("HUF-1"));
    await updateWorkspaceSettings(testDb(), ws.actors.admin, input);
    await addInvoice(testDb(), ws.actors.normal, invoice("NZD-1"));
    await addInvoice(testDb(), ws.actors.normal, { ...invoice("EUR-1"), currency: "EUR" });
    const rows = await listInvoices(testDb(), ws.actors.normal, datasheetId);
    expect(Object.fromEntries(rows.map((r) => [r.number, r.currency]))).toEqual({ "HUF-1": "HUF", "NZD-1": "NZD", "EUR-1": "EUR" });
  });

  it("gives a new money field the workspace's currency when the admin names none", async () => {
    const ws = await createWorkspace();
    const { module } = await createTestModule(ws.actors.admin);
    await updateWorkspaceSettings(testDb(), ws.actors.admin, input);
    const plain = await createField(ws.actors.admin, module.id, { label: "Budget", type: "money" });
    const euro = await createField(ws.actors.admin, module.id, { label: "Deal", type: "money", defaultCurrency: "EUR" });
    const settingsOf = async (id: string) => (await testDb().select({ settings: fields.settings }).from(fields).where(eq(fields.id, id)))[0]!.settings;
    expect(await settingsOf(plain.id)).toEqual({ defaultCurrency: "NZD" });
    expect(await settingsOf(euro.id)).toEqual({ defaultCurrency: "EUR" });
  });

  it("sends the workspace's email under its sender name, with its reply-to address", async () => {
    process.env.EMAIL_FROM = "CRM <crm@mail.example>";
    const ws = await createWorkspace();
    expect(await getWorkspaceEmailSettings(testDb(), ws.workspace.id)).toEqual({ from: "CRM <crm@mail.example>", senderName: null, replyTo: null });
    await updateWorkspaceSettings(testDb(), ws.actors.admin, input);
    expect(await getWorkspaceEmailSettings(testDb(), ws.workspace.id)).toEqual({
      from: '"Kiwi Trading" <crm@mail.example>',
      senderName: "Kiwi Trading",
      replyTo: "office@kiwi.example",
    });
    const { id } = await queueTestEmail(ws.workspace.id, { template: invitationTemplate() });
    const [email] = await testDb().select().from(emails).where(eq(emails.id, id));
    expect(email).toMatchObject({ fromAddress: '"Kiwi Trading" <crm@mail.example>', replyTo: "office@kiwi.example" });
  });
});
