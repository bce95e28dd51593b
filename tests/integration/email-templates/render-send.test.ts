import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { emails, emailSuppressions, users } from "@/db/schema";
import { systemActor } from "@/lib/auth/permissions";
import { addContact } from "@/lib/businesses/mutations";
import { createEmailTemplate, restoreEmailTemplate, trashEmailTemplate, updateEmailTemplate } from "@/lib/email-templates/mutations";
import { renderTemplateForDatasheet } from "@/lib/email-templates/render";
import { createField, removeField } from "@/lib/modules/field-mutations";
import { getModuleConfig } from "@/lib/modules/queries";
import { sendTemplateToDatasheet } from "@/lib/email-templates/send";
import { createUser, createWorkspace } from "../../factories";
import { createTestClient } from "../../factories/datasheets";
import { createTestModule, setFieldValue } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";
import { TEST_SECRET } from "../email/helpers";

beforeAll(() => {
  vi.stubEnv("AUTH_SECRET", TEST_SECRET);
  vi.stubEnv("APP_URL", "https://crm.example.test");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const BODY = [
  "Dear {{contact.name}},",
  "",
  "thank you for your request, {{business.name}}. Budget: **{{field.budget}}**, size: {{field.size}}.",
  "",
  "{{user.name}} will call you. [Your datasheet]({{datasheet.url}})",
  "",
  "{{sender.signature}}",
].join("\n");

async function setup() {
  const ws = await createWorkspace({ name: "Bútor & Társa Kft." });
  const db = testDb();
  const salesModule = await createTestModule(ws.actors.admin);
  await createField(ws.actors.admin, salesModule.module.id, { label: "Budget", type: "money" });
  await createField(ws.actors.admin, salesModule.module.id, { label: "Size", type: "single_select", options: ["Small", "Large"] });
  await db
    .update(users)
    .set({ signature: "**Nagy Péter**  \nSales <b>lead</b>", familyName: "Nagy", givenName: "Péter" })
    .where(eq(users.id, ws.users.manager.id));
  const { datasheetId } = await createTestClient(ws.actors.admin, salesModule.module.id, {
    name: "Minta <Kft>",
    email: "info@minta.test",
    responsibleUserId: ws.users.manager.id,
    contacts: [{ name: "Kovács *Anna*", email: "anna@minta.test" }],
  });
  return { ws, db, module: salesModule, datasheetId };
}

describeEachBackend("email templates: render and send", () => {
  it("renders every merge field escaped, the module's fields formatted and the sender's signature as Markdown", async () => {
    const { ws, db, module, datasheetId } = await setup();
    const fresh = await getModuleConfig(ws.actors.admin, module.module.id);
    const budget = fresh.fields.find((f) => f.key === "budget")!;
    const size = fresh.fields.find((f) => f.key === "size")!;
    await setFieldValue(datasheetId, budget.id, { amount: "125000", currency: "HUF" });
    await setFieldValue(datasheetId, size.id, size.options[1]!.key);
    const { id: templateId } = await createEmailTemplate(db, ws.actors.admin, {
      moduleId: module.module.id,
      name: "Request received",
      subject: "We got your request, {{business.name}}",
      body: BODY,
    });

    const rendered = await renderTemplateForDatasheet(db, ws.actors.manager, {
      templateId,
      datasheetId,
      recipient: { email: "anna@minta.test" },
    });
    expect(rendered.subject).toBe("We got your request, Minta <Kft>");
    expect(rendered.html).toContain("Dear Kovács *Anna*,");
    expect(rendered.html).toContain("Minta &lt;Kft&gt;");
    expect(rendered.html).toMatch(/<strong[^>]*>125\s000\sHUF|<strong[^>]*>HUF\s125,000/);
    expect(rendered.html).toContain("size: Large.");
    expect(rendered.html).toMatch(/<strong[^>]*>Nagy Péter<\/strong><br[^>]*>Sales &lt;b&gt;lead&lt;\/b&gt;/);
    expect(rendered.html).toContain(`href="https://crm.example.test/datasheets/${datasheetId}"`);
    expect(rendered.html).toContain("Bútor &amp; Társa Kft.");
    expect(rendered.text).toContain("Dear Kovács *Anna*,");
    expect(rendered.text).toContain("Nagy Péter");
  });

  it("refuses an unknown merge field by name, when saved and when a field was archived since", async () => {
    const { ws, db, module, datasheetId } = await setup();
    await expect(
      createEmailTemplate(db, ws.actors.admin, { moduleId: module.module.id, name: "x", subject: "Hi", body: "Dear {{contact.nmae}}" }),
    ).rejects.toMatchObject({ code: "unknownMergeField", params: { field: "contact.nmae", part: "body" } });
    await expect(
      createEmailTemplate(db, ws.actors.admin, { moduleId: module.module.id, name: "x", subject: "Hi {{field.colour}}", body: "b" }),
    ).rejects.toMatchObject({ code: "unknownMergeField", params: { field: "field.colour", part: "subject" } });
    const { id, version } = await createEmailTemplate(db, ws.actors.admin, { moduleId: module.module.id, name: "x", subject: "Hi", body: "{{field.budget}}" });
    await expect(updateEmailTemplate(db, ws.actors.admin, { templateId: id, version, name: "x", subject: "Hi", body: "{{ oops" })).rejects.toMatchObject({
      code: "unclosedMergeField",
    });
    // The field goes away: the template is not sent with a blank.
    const config = await getModuleConfig(ws.actors.admin, module.module.id);
    await removeField(ws.actors.admin, config.fields.find((f) => f.key === "budget")!.id, { confirm: true });
    await expect(renderTemplateForDatasheet(db, ws.actors.admin, { templateId: id, datasheetId, recipient: { email: "a@b.test" } })).rejects.toMatchObject({
      code: "unknownMergeField",
      params: { field: "field.budget" },
    });
  });

  it("sends through the outbox once per key, with the datasheet, the unsubscribe headers and link; never to a suppressed address", async () => {
    const { ws, db, module, datasheetId } = await setup();
    const { id: templateId } = await createEmailTemplate(db, ws.actors.admin, {
      moduleId: module.module.id,
      name: "Offer",
      subject: "Offer for {{business.name}}",
      body: "Dear {{contact.name}}\n\n[Unsubscribe here]({{unsubscribe_url}})\n\n{{sender.signature}}",
    });
    const system = systemActor(ws.workspace.id, "automation");
    const input = { templateId, datasheetId, recipient: { email: "anna@minta.test" }, idempotencyKey: `test/${datasheetId}` };
    const first = await sendTemplateToDatasheet(db, system, input);
    expect(first.status).toBe("queued");
    expect(await sendTemplateToDatasheet(db, system, input)).toEqual({ status: "duplicate", emailId: first.emailId });
    const [email] = await db.select().from(emails).where(eq(emails.id, first.emailId!));
    expect(email).toMatchObject({
      kind: "marketing",
      template: "email-template",
      datasheetId,
      toAddress: "anna@minta.test",
      subject: "Offer for Minta <Kft>",
      senderUserId: ws.users.manager.id,
      status: "queued",
    });
    expect(email!.headers["List-Unsubscribe"]).toMatch(/^<https:\/\/crm\.example\.test\/api\/email\/unsubscribe\/.+>$/);
    expect(email!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(email!.html).toMatch(/href="https:\/\/crm\.example\.test\/unsubscribe\/[^"]+"[^>]*>Unsubscribe here/);
    expect(email!.html).toContain("Nagy Péter");
    expect(
      await db
        .select()
        .from(emails)
        .where(and(eq(emails.workspaceId, ws.workspace.id), eq(emails.idempotencyKey, input.idempotencyKey))),
    ).toHaveLength(1);

    await db.insert(emailSuppressions).values({ workspaceId: ws.workspace.id, address: "info@minta.test", reason: "bounced" });
    expect(await sendTemplateToDatasheet(db, system, { ...input, recipient: { email: "INFO@minta.test" }, idempotencyKey: "test/other" })).toEqual({
      status: "suppressed",
      emailId: null,
    });

    // A newsletter needs consent: Anna has not given it; a contact who has, gets it.
    expect(await sendTemplateToDatasheet(db, system, { ...input, idempotencyKey: "test/nl-1", requireConsent: true })).toEqual({
      status: "notConsented",
      emailId: null,
    });
    const { id: contactId } = await addContact(db, ws.actors.admin, datasheetId, {
      name: "Vass Éva",
      position: null,
      email: "eva@minta.test",
      phone: null,
      newsletterConsent: true,
    });
    const consented = await sendTemplateToDatasheet(db, system, {
      ...input,
      recipient: { email: "eva@minta.test", contactId },
      idempotencyKey: "test/nl-2",
      requireConsent: true,
    });
    expect(consented.status).toBe("queued");
  });

  it("to a user: transactional, in their language, without the datasheet's tracking; a deactivated user is not found", async () => {
    const { ws, db, module, datasheetId } = await setup();
    const { id: templateId } = await createEmailTemplate(db, ws.actors.admin, {
      moduleId: module.module.id,
      name: "Late quote",
      subject: "Quote late: {{business.name}}",
      body: "{{contact.name}} waits. {{unsubscribe_url}}",
    });
    const system = systemActor(ws.workspace.id, "automation");
    const sent = await sendTemplateToDatasheet(db, system, { templateId, datasheetId, recipient: { userId: ws.users.normal.id }, idempotencyKey: "test/user" });
    const [email] = await db.select().from(emails).where(eq(emails.id, sent.emailId!));
    expect(email).toMatchObject({
      kind: "transactional",
      toAddress: ws.users.normal.email,
      recipientUserId: ws.users.normal.id,
      datasheetId: null,
      headers: {},
    });
    expect(email!.html).toContain("Kovács *Anna* waits.");
    expect(email!.html).not.toMatch(/unsubscribe/i);
    const gone = await createUser(ws.workspace.id, { role: "manager", isActive: false });
    await expect(
      sendTemplateToDatasheet(db, system, { templateId, datasheetId, recipient: { userId: gone.id }, idempotencyKey: "test/gone" }),
    ).rejects.toMatchObject({
      code: "notFound",
    });
  });

  it("roles: admins and managers may render and send, others not; another workspace, a hidden datasheet and the trash are not found", async () => {
    const { ws, db, module, datasheetId } = await setup();
    const { id: templateId } = await createEmailTemplate(db, ws.actors.admin, { moduleId: module.module.id, name: "T", subject: "S", body: "B" });
    const input = { templateId, datasheetId, recipient: { email: "anna@minta.test" } };
    await expect(renderTemplateForDatasheet(db, ws.actors.manager, input)).resolves.toBeTruthy();
    for (const role of ["normal", "restricted"] as const) {
      await expect(renderTemplateForDatasheet(db, ws.actors[role], input)).rejects.toMatchObject({ code: "forbidden" });
      await expect(sendTemplateToDatasheet(db, ws.actors[role], { ...input, idempotencyKey: `r/${role}` })).rejects.toMatchObject({ code: "forbidden" });
      await expect(createEmailTemplate(db, ws.actors[role], { moduleId: module.module.id, name: "T", subject: "S", body: "B" })).rejects.toMatchObject({
        code: "forbidden",
      });
    }
    await expect(createEmailTemplate(db, ws.actors.manager, { moduleId: module.module.id, name: "T", subject: "S", body: "B" })).rejects.toMatchObject({
      code: "forbidden",
    });
    const other = await createWorkspace();
    await expect(renderTemplateForDatasheet(db, other.actors.admin, input)).rejects.toMatchObject({ code: "notFound" });
    await expect(trashEmailTemplate(db, other.actors.admin, templateId)).rejects.toMatchObject({ code: "notFound" });
    await trashEmailTemplate(db, ws.actors.admin, templateId);
    await expect(renderTemplateForDatasheet(db, ws.actors.admin, input)).rejects.toMatchObject({ code: "notFound" });
    await restoreEmailTemplate(db, ws.actors.admin, templateId);
    await expect(renderTemplateForDatasheet(db, ws.actors.admin, input)).resolves.toBeTruthy();
  });
});
