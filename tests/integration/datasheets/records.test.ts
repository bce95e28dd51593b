import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { getDb } from "@/db/client";
import { datasheets, invoices } from "@/db/schema";
import { addContact, removeContact, updateBusiness, updateContact } from "@/lib/businesses/mutations";
import type { CompanyData } from "@/lib/businesses/schemas";
import { addDatasheetToModule } from "@/lib/datasheets/create";
import { updateDatasheetFields } from "@/lib/datasheets/field-values";
import { getDatasheetPage } from "@/lib/datasheets/page";
import { StaleVersionError } from "@/lib/datasheets/version";
import { ValidationError } from "@/lib/errors";
import { addInvoice, markInvoicePaid } from "@/lib/invoices/mutations";
import { addInvoiceSchema } from "@/lib/invoices/schemas";
import { completeTodo, addTodo, updateTodo } from "@/lib/todos/mutations";
import { createUser, createWorkspace } from "../../factories";
import { businessRow, companyData, createTestClient, datasheetRow, outboxOf } from "../../factories/datasheets";
import { createTestModule } from "../../factories/modules";
import { testDb, describeEachBackend } from "../../support/db";
import { expectDomainError, expectFieldError, rejectionOf } from "../modules/helpers";

async function client() {
  const ws = await createWorkspace();
  const config = await createTestModule(ws.actors.admin, "customer_service");
  const created = await createTestClient(ws.actors.admin, config.module.id, { name: "Tölgy és Társa Bt.", responsibleUserId: ws.users.normal.id });
  return { ws, config, ...created };
}

const company = (overrides: Partial<CompanyData> = {}) =>
  companyData({ name: "Tölgy és Társa Bt.", country: "Magyarország", postalCode: "6720", city: "Szeged", street: "Kárász utca 1.", ...overrides });

describeEachBackend("fields, company data, contacts and invoices", () => {
  it("saves field values per type and records which fields changed", async () => {
    const { ws, datasheetId } = await client();
    const v = (await datasheetRow(datasheetId)).version;
    const result = await updateDatasheetFields(testDb(), ws.actors.normal, {
      datasheetId,
      version: v,
      fields: { priority: "high", deadline: "2026-07-01", channel: "" },
    });
    expect(result).toEqual({ version: v + 1, changed: ["priority", "deadline"] });
    const page = await getDatasheetPage(ws.actors.normal, datasheetId);
    expect(Object.fromEntries(page.fields.map((f) => [f.key, f.value]))).toMatchObject({ priority: "high", deadline: "2026-07-01", channel: null });
    const [event] = await outboxOf(ws.workspace.id, "datasheet/fields.changed");
    expect(event?.data).toMatchObject({ datasheetId, fieldKeys: ["priority", "deadline"], actorUserId: ws.users.normal.id });
    // Saving the same values again changes nothing and records nothing.
    expect(await updateDatasheetFields(testDb(), ws.actors.normal, { datasheetId, version: v + 1, fields: { priority: "high" } })).toEqual({
      version: v + 1,
      changed: [],
    });
    expect(await outboxOf(ws.workspace.id, "datasheet/fields.changed")).toHaveLength(1);
  });

  it("answers each bad value with its own field error and stores none of them", async () => {
    const { ws, datasheetId } = await client();
    const v = (await datasheetRow(datasheetId)).version;
    const error = await rejectionOf(
      updateDatasheetFields(testDb(), ws.actors.normal, {
        datasheetId,
        version: v,
        fields: { priority: "extreme", deadline: "2026-02-30", channel: "email", nonsense: "x" },
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      "fields.priority": "optionInvalid",
      "fields.deadline": "dateInvalid",
      "fields.nonsense": "fieldUnknown",
    });
    const page = await getDatasheetPage(ws.actors.normal, datasheetId);
    expect(page.fields.find((f) => f.key === "channel")?.value).toBeNull(); // the good one was not saved either
    expect((await datasheetRow(datasheetId)).version).toBe(v);
  });

  it("refuses the second of two edits made on the same version, naming who changed it, with the current values", async () => {
    const { ws, datasheetId } = await client();
    const seen = (await datasheetRow(datasheetId)).version;
    await updateDatasheetFields(testDb(), ws.actors.manager, { datasheetId, version: seen, fields: { priority: "urgent" } });
    const error = await rejectionOf(updateDatasheetFields(testDb(), ws.actors.normal, { datasheetId, version: seen, fields: { priority: "low" } }));
    expect(error).toBeInstanceOf(StaleVersionError);
    const stale = error as StaleVersionError<Record<string, unknown>>;
    expect(stale.code).toBe("changedMeanwhile");
    expect(stale.params).toEqual({ who: "user", name: `${ws.users.manager.givenName} ${ws.users.manager.familyName}` });
    expect(stale.current).toMatchObject({ priority: "urgent" });
    const page = await getDatasheetPage(ws.actors.normal, datasheetId);
    expect(page.fields.find((f) => f.key === "priority")?.value).toBe("urgent"); // nothing overwritten
  });

  it("lets exactly one of two simultaneous saves of the same version through", async () => {
    const { ws, datasheetId } = await client();
    const seen = (await datasheetRow(datasheetId)).version;
    const results = await Promise.allSettled([
      updateDatasheetFields(testDb(), ws.actors.manager, { datasheetId, version: seen, fields: { priority: "urgent" } }),
      updateDatasheetFields(testDb(), ws.actors.normal, { datasheetId, version: seen, fields: { priority: "low" } }),
    ]);
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(StaleVersionError);
    expect((await datasheetRow(datasheetId)).version).toBe(seen + 1);
  });

  it("refuses a stale company form and a stale todo edit the same way", async () => {
    const { ws, datasheetId, businessId } = await client();
    const seen = (await businessRow(businessId)).version;
    await updateBusiness(testDb(), ws.actors.manager, datasheetId, seen, company({ city: "Debrecen" }));
    const error = await rejectionOf(updateBusiness(testDb(), ws.actors.normal, datasheetId, seen, company({ city: "Pécs" })));
    expect(error).toBeInstanceOf(StaleVersionError);
    expect((error as StaleVersionError<{ city: string }>).current.city).toBe("Debrecen");
    expect((await businessRow(businessId)).city).toBe("Debrecen");

    const { id } = await addTodo(testDb(), ws.actors.normal, { datasheetId, text: "Call", dueAt: new Date(), assigneeUserId: null });
    await updateTodo(testDb(), ws.actors.manager, { todoId: id, version: 1, text: "Call the buyer", dueAt: new Date(), assigneeUserId: null });
    const todoError = await rejectionOf(completeTodo(testDb(), ws.actors.normal, { todoId: id, version: 1 }));
    expect(todoError).toBeInstanceOf(StaleVersionError);
    expect((todoError as StaleVersionError<{ text: string }>).current.text).toBe("Call the buyer");
  });

  it("renames the business on every datasheet and keeps the search text in step with contacts", async () => {
    const { ws, datasheetId, businessId } = await client();
    const projects = await createTestModule(ws.actors.admin, "projects");
    const second = await addDatasheetToModule(testDb(), ws.actors.admin, {
      datasheetId,
      moduleId: projects.module.id,
      statusId: null,
      responsibleUserId: null,
    });
    await updateBusiness(
      testDb(),
      ws.actors.normal,
      datasheetId,
      1,
      company({ name: "Tölgy és Fia Kft.", email: "iroda@tolgy.hu", taxNumber: "87654321-2-06" }),
    );
    const db = await getDb();
    const names = await db.select({ name: datasheets.businessName }).from(datasheets).where(eq(datasheets.businessId, businessId));
    expect(names.map((n) => n.name)).toEqual(["Tölgy és Fia Kft.", "Tölgy és Fia Kft."]);
    expect((await datasheetRow(second.datasheetId)).businessName).toBe("Tölgy és Fia Kft.");
    let text = (await businessRow(businessId)).searchText;
    expect(text).toContain("tölgy és fia kft.");
    expect(text).toContain("iroda@tolgy.hu");
    expect(text).toContain("87654321-2-06");
    expect(text).not.toContain("tölgy és társa");

    const { id } = await addContact(testDb(), ws.actors.normal, datasheetId, {
      name: "Varga Béla",
      position: "Ügyvezető",
      email: "bela@tolgy.hu",
      phone: "+36 20 555 1234",
    });
    text = (await businessRow(businessId)).searchText;
    expect(text).toContain("varga béla");
    expect(text).toContain("36205551234");
    await updateContact(testDb(), ws.actors.normal, datasheetId, id, { name: "Varga Béláné", position: null, email: null, phone: null });
    text = (await businessRow(businessId)).searchText;
    expect(text).toContain("varga béláné");
    expect(text).not.toContain("bela@tolgy.hu");
    await removeContact(testDb(), ws.actors.normal, datasheetId, id);
    expect((await businessRow(businessId)).searchText).not.toContain("varga");
    expect((await outboxOf(ws.workspace.id, "business/updated")).length).toBe(4);
  });

  it("keeps invoice numbers unique per workspace, with a field error", async () => {
    const { ws, datasheetId } = await client();
    const other = await client();
    const input = addInvoiceSchema.parse({ datasheetId, number: "2026/0001", amount: "125 000,5", issuedOn: "2026-03-01", dueOn: "2026-03-15" });
    // No currency given: the workspace's default (HUF unless Settings → Workspace says otherwise).
    expect(input).toMatchObject({ amount: "125000.50", currency: null });
    const { id } = await addInvoice(testDb(), ws.actors.normal, input);
    await expectFieldError(addInvoice(testDb(), ws.actors.manager, { ...input }), "number", "invoiceNumberTaken");
    // Another workspace may use the same number.
    await expect(addInvoice(testDb(), other.ws.actors.normal, { ...input, datasheetId: other.datasheetId })).resolves.toHaveProperty("id");
    const db = await getDb();
    expect(await db.select().from(invoices).where(eq(invoices.workspaceId, ws.workspace.id))).toHaveLength(1);
    expect((await outboxOf(ws.workspace.id, "invoice/created")).map((e) => e.data.invoiceId)).toEqual([id]);

    await markInvoicePaid(testDb(), ws.actors.normal, { invoiceId: id, paidOn: "2026-03-10" });
    const page = await getDatasheetPage(ws.actors.normal, datasheetId);
    expect(page.invoices[0]).toMatchObject({ number: "2026/0001", amount: "125000.50", currency: "HUF", issuedOn: "2026-03-01", dueOn: "2026-03-15" });
    expect(page.invoices[0]!.paidAt?.toISOString().slice(0, 10)).toBe("2026-03-10");
    expect((await outboxOf(ws.workspace.id, "invoice/paid"))[0]?.data).toMatchObject({ invoiceId: id, datasheetId });
    await expectDomainError(markInvoicePaid(testDb(), ws.actors.normal, { invoiceId: id, paidOn: "2026-03-11" }), "invoiceAlreadyPaid");
  });

  it("validates invoice input: amount, currency, dates", () => {
    const base = { datasheetId: "x", number: "1", amount: "10", issuedOn: "2026-03-01" };
    const errorsOf = (values: Record<string, string>) => {
      const r = addInvoiceSchema.safeParse({ ...base, ...values });
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
    };
    expect(errorsOf({ amount: "12.345" })).toEqual({ amount: "moneyInvalid" });
    expect(errorsOf({ currency: "XYZ" })).toEqual({ currency: "currencyInvalid" });
    expect(errorsOf({ issuedOn: "2026-13-01" })).toEqual({ issuedOn: "dateInvalid" });
    expect(errorsOf({ dueOn: "2026-02-01" })).toEqual({ dueOn: "dueBeforeIssue" });
    expect(addInvoiceSchema.parse({ ...base, currency: "eur" }).currency).toBe("EUR");
  });

  it("refuses a deactivated user in a user field", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "projects");
    const page0 = await createTestClient(ws.actors.admin, config.module.id);
    const userField = (await getDatasheetPage(ws.actors.admin, page0.datasheetId)).fields.find((f) => f.type === "user");
    if (!userField) return expect.fail("the projects template has a user field");
    const gone = await createUser(ws.workspace.id, { role: "normal", isActive: false });
    const v = (await datasheetRow(page0.datasheetId)).version;
    await expectFieldError(
      updateDatasheetFields(testDb(), ws.actors.admin, { datasheetId: page0.datasheetId, version: v, fields: { [userField.key]: gone.id } }),
      `fields.${userField.key}`,
      "userInvalid",
    );
    await updateDatasheetFields(testDb(), ws.actors.admin, { datasheetId: page0.datasheetId, version: v, fields: { [userField.key]: ws.users.normal.id } });
  });
});
