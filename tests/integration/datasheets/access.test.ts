import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { getDb } from "@/db/client";
import { todos } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { addContact, removeContact, updateBusiness, updateContact } from "@/lib/businesses/mutations";
import { addDatasheetToModule } from "@/lib/datasheets/create";
import { updateDatasheetFields } from "@/lib/datasheets/field-values";
import { getDatasheetPage } from "@/lib/datasheets/page";
import { trashDatasheet } from "@/lib/datasheets/trash";
import { NotFoundError } from "@/lib/errors";
import { logHistory } from "@/lib/history/mutations";
import { addInvoice, listInvoices, markInvoicePaid } from "@/lib/invoices/mutations";
import { addTodo, completeTodo, reopenTodo, updateTodo } from "@/lib/todos/mutations";
import { createWorkspace, type TestWorkspace } from "../../factories";
import { businessRow, createTestClient, datasheetRow, datasheetSnapshot as snapshot } from "../../factories/datasheets";
import { createTestModule } from "../../factories/modules";
import { testDb, describeEachBackend } from "../../support/db";
import { rejectionOf } from "../modules/helpers";

interface Target {
  datasheetId: string;
  businessId: string;
  businessVersion: number;
  version: number;
  todoId: string;
  doneTodoId: string;
  todoVersion: number;
  doneTodoVersion: number;
  contactId: string;
  invoiceId: string;
  otherModuleId: string;
}

/** Every read and action of the datasheet page, aimed at one datasheet. */
const operations: Record<string, (actor: Actor, t: Target) => Promise<unknown>> = {
  getDatasheetPage: (a, t) => getDatasheetPage(a, t.datasheetId),
  listInvoices: (a, t) => listInvoices(testDb(), a, t.datasheetId),
  updateBusiness: (a, t) =>
    updateBusiness(testDb(), a, t.datasheetId, t.businessVersion, {
      kind: "company",
      name: "Renamed Kft.",
      taxNumber: null,
      email: null,
      phone: null,
      website: null,
      country: null,
      postalCode: null,
      city: null,
      street: null,
      notes: "",
    }),
  addContact: (a, t) => addContact(testDb(), a, t.datasheetId, { name: "New Person", position: null, email: null, phone: null }),
  updateContact: (a, t) => updateContact(testDb(), a, t.datasheetId, t.contactId, { name: "Renamed", position: null, email: null, phone: null }),
  removeContact: (a, t) => removeContact(testDb(), a, t.datasheetId, t.contactId),
  updateFields: (a, t) => updateDatasheetFields(testDb(), a, { datasheetId: t.datasheetId, version: t.version, fields: { priority: "high" } }),
  trash: (a, t) => trashDatasheet(testDb(), a, { datasheetId: t.datasheetId, version: t.version }),
  addToModule: (a, t) => addDatasheetToModule(testDb(), a, { datasheetId: t.datasheetId, moduleId: t.otherModuleId, statusId: null, responsibleUserId: null }),
  addTodo: (a, t) => addTodo(testDb(), a, { datasheetId: t.datasheetId, text: "Call", dueAt: new Date(), assigneeUserId: null }),
  updateTodo: (a, t) => updateTodo(testDb(), a, { todoId: t.todoId, version: t.todoVersion, text: "Changed", dueAt: new Date(), assigneeUserId: null }),
  completeTodo: (a, t) => completeTodo(testDb(), a, { todoId: t.todoId, version: t.todoVersion }),
  reopenTodo: (a, t) => reopenTodo(testDb(), a, { todoId: t.doneTodoId, version: t.doneTodoVersion }),
  logHistory: (a, t) => logHistory(testDb(), a, { datasheetId: t.datasheetId, kind: "note", body: "Note", occurredAt: null }),
  addInvoice: (a, t) =>
    addInvoice(testDb(), a, { datasheetId: t.datasheetId, number: `X-${t.datasheetId}`, amount: "100.00", currency: "HUF", issuedOn: "2026-01-01", dueOn: null }),
  markInvoicePaid: (a, t) => markInvoicePaid(testDb(), a, { invoiceId: t.invoiceId, paidOn: "2026-02-01" }),
};

async function target(ws: TestWorkspace, responsibleUserId: string | null): Promise<Target> {
  const service = await createTestModule(ws.actors.admin, "customer_service");
  const other = await createTestModule(ws.actors.admin, "projects");
  const { datasheetId, businessId } = await createTestClient(ws.actors.admin, service.module.id, {
    responsibleUserId,
    contacts: [{ name: "Első Kapcsolat" }],
  });
  const admin = ws.actors.admin;
  const { id: todoId } = await addTodo(testDb(), admin, { datasheetId, text: "Open todo", dueAt: new Date("2026-06-01T09:00:00Z"), assigneeUserId: null });
  const { id: doneTodoId } = await addTodo(testDb(), admin, { datasheetId, text: "Done todo", dueAt: new Date("2026-05-01T09:00:00Z"), assigneeUserId: null });
  await completeTodo(testDb(), admin, { todoId: doneTodoId, version: 1 });
  const { id: invoiceId } = await addInvoice(testDb(), admin, {
    datasheetId,
    number: `INV-${datasheetId}`,
    amount: "1000.00",
    currency: "HUF",
    issuedOn: "2026-01-01",
    dueOn: null,
  });
  const page = await getDatasheetPage(admin, datasheetId);
  return refreshed({
    datasheetId,
    businessId,
    businessVersion: 0,
    version: 0,
    todoId,
    doneTodoId,
    todoVersion: 0,
    doneTodoVersion: 0,
    contactId: page.contacts[0]!.id,
    invoiceId,
    otherModuleId: other.module.id,
  });
}

/** The versions a user opening the page now would see. */
async function refreshed(t: Target): Promise<Target> {
  const db = await getDb();
  const versionOf = async (id: string) => (await db.select({ v: todos.version }).from(todos).where(eq(todos.id, id)))[0]!.v;
  return {
    ...t,
    businessVersion: (await businessRow(t.businessId)).version,
    version: (await datasheetRow(t.datasheetId)).version,
    todoVersion: await versionOf(t.todoId),
    doneTodoVersion: await versionOf(t.doneTodoId),
  };
}

describeEachBackend("datasheet access", () => {
  it("answers 'not found' to every role of another workspace, for every read and action, and changes nothing", async () => {
    const ws = await createWorkspace();
    const outsider = await createWorkspace();
    const t = await target(ws, null);
    const before = await snapshot(ws.workspace.id);
    for (const role of ["admin", "manager", "normal", "restricted"] as const) {
      for (const [name, run] of Object.entries(operations)) {
        const error = await rejectionOf(run(outsider.actors[role], t));
        expect(error, `${role} ${name}`).toBeInstanceOf(NotFoundError);
      }
    }
    expect(await snapshot(ws.workspace.id)).toEqual(before);
  });

  it("answers 'not found' to a restricted user for a colleague's datasheet, the same as for a missing one", async () => {
    const ws = await createWorkspace();
    const t = await target(ws, ws.users.normal.id);
    const before = await snapshot(ws.workspace.id);
    for (const [name, run] of Object.entries(operations)) {
      const error = await rejectionOf(run(ws.actors.restricted, t));
      expect(error, name).toBeInstanceOf(NotFoundError);
    }
    expect(await snapshot(ws.workspace.id)).toEqual(before);
    const missing = await rejectionOf(getDatasheetPage(ws.actors.restricted, "00000000-0000-4000-8000-000000000000"));
    expect(missing).toBeInstanceOf(NotFoundError);
  });

  for (const owner of ["restricted", "nobody"] as const) {
    it(`lets a restricted user read and act on a datasheet assigned to ${owner === "nobody" ? "nobody" : "them"}`, async () => {
      const ws = await createWorkspace();
      const t = await target(ws, owner === "nobody" ? null : ws.users.restricted.id);
      for (const [name, run] of Object.entries(operations)) {
        if (name === "trash") continue; // last: it takes the datasheet away
        await expect(run(ws.actors.restricted, await refreshed(t)), name).resolves.not.toThrow();
      }
      await trashDatasheet(testDb(), ws.actors.restricted, { datasheetId: t.datasheetId, version: (await datasheetRow(t.datasheetId)).version });
      expect((await datasheetRow(t.datasheetId)).deletedAt).not.toBeNull();
    });
  }

  for (const role of ["admin", "manager", "normal"] as const) {
    it(`lets a ${role} user read and act on a colleague's datasheet`, async () => {
      const ws = await createWorkspace();
      const t = await target(ws, ws.users.restricted.id);
      for (const [name, run] of Object.entries(operations)) {
        if (name === "trash") continue;
        await expect(run(ws.actors[role], await refreshed(t)), name).resolves.not.toThrow();
      }
    });
  }

  it("hides a trashed datasheet from everyone, admins included", async () => {
    const ws = await createWorkspace();
    const t = await target(ws, null);
    await trashDatasheet(testDb(), ws.actors.manager, { datasheetId: t.datasheetId, version: t.version });
    for (const role of ["admin", "manager", "normal", "restricted"] as const) {
      expect(await rejectionOf(getDatasheetPage(ws.actors[role], t.datasheetId))).toBeInstanceOf(NotFoundError);
      expect(await rejectionOf(operations.addTodo!(ws.actors[role], t))).toBeInstanceOf(NotFoundError);
    }
  });
});
