import { and, asc, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Conn } from "@/db/client";
import { businesses, datasheets, historyEntries, outboxEvents, statusChanges, todos, type HistoryKind } from "@/db/schema";
import { systemActor, type Actor, type UserActor } from "@/lib/auth/permissions";
import { addContact, removeContact, updateBusiness, updateContact } from "@/lib/businesses/mutations";
import { bulkChangeResponsible, bulkChangeStatus, changeDatasheetResponsible, changeDatasheetStatus } from "@/lib/datasheets/assignment";
import { commitDatasheet } from "@/lib/datasheets/commit";
import { addDatasheetToModule, createClient } from "@/lib/datasheets/create";
import { updateDatasheetFields } from "@/lib/datasheets/field-values";
import { getDatasheetPage } from "@/lib/datasheets/page";
import { trashDatasheet } from "@/lib/datasheets/trash";
import { logHistory } from "@/lib/history/mutations";
import { addInvoice, markInvoicePaid } from "@/lib/invoices/mutations";
import { removeStatus } from "@/lib/modules/status-mutations";
import { addTodo, completeTodo, reopenTodo, updateTodo } from "@/lib/todos/mutations";
import { createWorkspace, type TestWorkspace } from "../../factories";
import { createTestClient, datasheetRow, datasheetSnapshot } from "../../factories/datasheets";
import { createTestModule, statusByKey } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";

/*
 * The write path (ARCHITECTURE.md): every service that changes a datasheet or one of its facts
 * ends at the commit point. Each operation below is checked for what the commit point guarantees:
 * every datasheet it touched is one version further, names who changed it, holds derived columns
 * that agree with the facts, and the operation's events are in the outbox — nothing more, and no
 * other datasheet moved. A service that wrote past the commit point would miss its version bump or
 * leave a derived column stale here.
 */

interface Fixture {
  ws: TestWorkspace;
  moduleId: string;
  datasheetId: string;
  /** The same business's datasheet in a second module. */
  siblingId: string;
  /** A datasheet of another business, which no operation touches. */
  bystanderId: string;
  businessId: string;
  todoId: string;
  doneTodoId: string;
  contactId: string;
  invoiceId: string;
  thirdModuleId: string;
  statuses: { first: string; second: string };
}

async function fixture(): Promise<Fixture> {
  const ws = await createWorkspace();
  const admin = ws.actors.admin;
  const service = await createTestModule(admin, "customer_service");
  const projects = await createTestModule(admin, "projects");
  const third = await createTestModule(admin, "sales_manual");
  const { datasheetId, businessId } = await createTestClient(admin, service.module.id, { contacts: [{ name: "Első Kapcsolat" }] });
  const { datasheetId: siblingId } = await addDatasheetToModule(testDb(), admin, { datasheetId, moduleId: projects.module.id, statusId: null, responsibleUserId: null });
  const { datasheetId: bystanderId } = await createTestClient(admin, service.module.id);
  const { id: todoId } = await addTodo(testDb(), admin, { datasheetId, text: "Open", dueAt: new Date("2026-06-01T09:00:00Z"), assigneeUserId: null });
  const { id: doneTodoId } = await addTodo(testDb(), admin, { datasheetId, text: "Done", dueAt: new Date("2026-05-01T09:00:00Z"), assigneeUserId: null });
  await completeTodo(testDb(), admin, { todoId: doneTodoId, version: 1 }, new Date("2026-05-02T10:00:00Z"));
  const { id: invoiceId } = await addInvoice(testDb(), admin, { datasheetId, number: `INV-${datasheetId}`, amount: "1000.00", currency: "HUF", issuedOn: "2026-01-01", dueOn: null });
  const page = await getDatasheetPage(admin, datasheetId);
  return {
    ws,
    moduleId: service.module.id,
    datasheetId,
    siblingId,
    bystanderId,
    businessId,
    todoId,
    doneTodoId,
    contactId: page.contacts[0]!.id,
    invoiceId,
    thirdModuleId: third.module.id,
    statuses: { first: statusByKey(service, "new_request").id, second: statusByKey(service, "in_progress").id },
  };
}

// Read on the connection the operation runs on: inside a transaction on PGlite (one connection),
// a read outside it would wait for it forever.
const versionOf = async (c: Conn, id: string) => (await c.select({ v: datasheets.version }).from(datasheets).where(eq(datasheets.id, id)))[0]!.v;
const todoVersionOf = async (c: Conn, id: string) => (await c.select({ v: todos.version }).from(todos).where(eq(todos.id, id)))[0]!.v;
const businessVersionOf = async (c: Conn, id: string) => (await c.select({ v: businesses.version }).from(businesses).where(eq(businesses.id, id)))[0]!.v;

interface Operation {
  run(conn: Conn, actor: Actor, f: Fixture): Promise<unknown>;
  /** The datasheets it changes (a created one: returned by `run` as `datasheetId`). */
  touches(f: Fixture): string[];
  /** The names of the events it records, per touched datasheet or business. */
  events: string[];
  /** Settings changes are a user's only. */
  isUserOnly?: boolean;
}

const operations: Record<string, Operation> = {
  createClient: {
    run: (c, a, f) => createClient(c, a, { business: { kind: "company", name: "Új Ügyfél Kft.", email: null, phone: null, taxNumber: null }, contacts: [], moduleId: f.moduleId, statusId: null, responsibleUserId: null }),
    touches: () => [],
    events: ["datasheet/created", "datasheet/status.changed"],
  },
  addToModule: {
    run: (c, a, f) => addDatasheetToModule(c, a, { datasheetId: f.datasheetId, moduleId: f.thirdModuleId, statusId: null, responsibleUserId: null }),
    touches: () => [],
    events: ["datasheet/created", "datasheet/status.changed"],
  },
  updateBusiness: {
    run: async (c, a, f) =>
      updateBusiness(c, a, f.datasheetId, await businessVersionOf(c, f.businessId), {
        kind: "company",
        name: "Átnevezett Kft.",
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
    touches: (f) => [f.datasheetId, f.siblingId],
    events: ["business/updated"],
  },
  addContact: {
    run: (c, a, f) => addContact(c, a, f.datasheetId, { name: "Új Kapcsolat", position: null, email: null, phone: null }),
    touches: (f) => [f.datasheetId, f.siblingId],
    events: ["business/updated"],
  },
  updateContact: {
    run: (c, a, f) => updateContact(c, a, f.datasheetId, f.contactId, { name: "Átnevezett", position: null, email: null, phone: null }),
    touches: (f) => [f.datasheetId, f.siblingId],
    events: ["business/updated"],
  },
  removeContact: {
    run: (c, a, f) => removeContact(c, a, f.datasheetId, f.contactId),
    touches: (f) => [f.datasheetId, f.siblingId],
    events: ["business/updated"],
  },
  updateFields: {
    run: async (c, a, f) => updateDatasheetFields(c, a, { datasheetId: f.datasheetId, version: await versionOf(c, f.datasheetId), fields: { priority: "high" } }),
    touches: (f) => [f.datasheetId],
    events: ["datasheet/fields.changed"],
  },
  changeStatus: {
    run: async (c, a, f) => changeDatasheetStatus(c, a, { datasheetId: f.datasheetId, statusId: f.statuses.second, version: await versionOf(c, f.datasheetId) }),
    touches: (f) => [f.datasheetId],
    events: ["datasheet/status.changed"],
  },
  changeResponsible: {
    run: async (c, a, f) => changeDatasheetResponsible(c, a, { datasheetId: f.datasheetId, userId: f.ws.users.normal.id, version: await versionOf(c, f.datasheetId) }),
    touches: (f) => [f.datasheetId],
    events: ["datasheet/responsible.changed"],
  },
  bulkChangeStatus: {
    run: async (c, a, f) => bulkChangeStatus(c, a, { datasheets: [{ id: f.datasheetId, version: await versionOf(c, f.datasheetId) }], statusId: f.statuses.second }),
    touches: (f) => [f.datasheetId],
    events: ["datasheet/status.changed"],
  },
  bulkChangeResponsible: {
    run: async (c, a, f) => bulkChangeResponsible(c, a, { datasheets: [{ id: f.datasheetId, version: await versionOf(c, f.datasheetId) }], userId: f.ws.users.normal.id }),
    touches: (f) => [f.datasheetId],
    events: ["datasheet/responsible.changed"],
  },
  trash: {
    run: async (c, a, f) => trashDatasheet(c, a, { datasheetId: f.datasheetId, version: await versionOf(c, f.datasheetId) }),
    touches: (f) => [f.datasheetId],
    events: ["datasheet/deleted"],
  },
  addTodo: {
    run: (c, a, f) => addTodo(c, a, { datasheetId: f.datasheetId, text: "Sooner", dueAt: new Date("2026-04-01T09:00:00Z"), assigneeUserId: null }),
    touches: (f) => [f.datasheetId],
    events: ["todo/created"],
  },
  updateTodo: {
    run: async (c, a, f) => updateTodo(c, a, { todoId: f.todoId, version: await todoVersionOf(c, f.todoId), text: "Later", dueAt: new Date("2026-08-01T09:00:00Z"), assigneeUserId: null }),
    touches: (f) => [f.datasheetId],
    events: ["todo/updated"],
  },
  completeTodo: {
    run: async (c, a, f) => completeTodo(c, a, { todoId: f.todoId, version: await todoVersionOf(c, f.todoId) }),
    touches: (f) => [f.datasheetId],
    events: ["todo/done"],
  },
  reopenTodo: {
    run: async (c, a, f) => reopenTodo(c, a, { todoId: f.doneTodoId, version: await todoVersionOf(c, f.doneTodoId) }),
    touches: (f) => [f.datasheetId],
    events: ["todo/reopened"],
  },
  logHistory: {
    run: (c, a, f) => logHistory(c, a, { datasheetId: f.datasheetId, kind: "call", body: "Called", occurredAt: null }),
    touches: (f) => [f.datasheetId],
    events: ["history/logged"],
  },
  addInvoice: {
    run: (c, a, f) => addInvoice(c, a, { datasheetId: f.datasheetId, number: `NEW-${f.datasheetId}`, amount: "5.00", currency: "HUF", issuedOn: "2026-02-01", dueOn: null }),
    touches: (f) => [f.datasheetId],
    events: ["invoice/created"],
  },
  markInvoicePaid: {
    run: (c, a, f) => markInvoicePaid(c, a, { invoiceId: f.invoiceId, paidOn: "2026-02-01" }),
    touches: (f) => [f.datasheetId],
    events: ["invoice/paid"],
  },
  removeStatus: {
    run: (_c, a, f) => removeStatus(a as UserActor, f.statuses.first, { moveToStatusId: f.statuses.second }),
    // Both datasheets of the module sit in its first status.
    touches: (f) => [f.datasheetId, f.bystanderId],
    events: ["datasheet/status.changed"],
    isUserOnly: true,
  },
};

/** SPEC §3.1 "contact", written out again here from the spec, to hold the SQL rule to it. */
function isContact(entry: { kind: HistoryKind; authorUserId: string | null }): boolean {
  if (["note", "call", "meeting", "email_received", "todo_done"].includes(entry.kind)) return true;
  return entry.kind === "email_sent" && entry.authorUserId !== null;
}

/** What the datasheet's derived columns must be, computed from its facts independently of the service. */
async function expectedDerived(datasheetId: string) {
  const db = testDb();
  const [sheet] = await db.select().from(datasheets).where(eq(datasheets.id, datasheetId));
  const [business] = await db.select().from(businesses).where(eq(businesses.id, sheet!.businessId));
  const [next] = await db
    .select({ id: todos.id, dueAt: todos.dueAt })
    .from(todos)
    .where(and(eq(todos.datasheetId, datasheetId), isNull(todos.doneAt)))
    .orderBy(asc(todos.dueAt), asc(todos.id))
    .limit(1);
  const entries = await db.select().from(historyEntries).where(eq(historyEntries.datasheetId, datasheetId));
  const contacts = entries.filter(isContact).map((e) => e.occurredAt.getTime());
  return {
    businessName: business!.name,
    nextTodoId: next?.id ?? null,
    nextTodoDueAt: next?.dueAt ?? null,
    lastContactAt: contacts.length ? new Date(Math.max(...contacts)) : null,
  };
}

const derivedOf = (row: typeof datasheets.$inferSelect) => ({
  businessName: row.businessName,
  nextTodoId: row.nextTodoId,
  nextTodoDueAt: row.nextTodoDueAt,
  lastContactAt: row.lastContactAt,
});

class Rollback extends Error {}

describeEachBackend("the write path", () => {
  describe("every change ends at the commit point", () => {
    for (const [name, op] of Object.entries(operations)) {
      it(name, async () => {
        const f = await fixture();
        const actor = f.ws.actors.admin;
        const db = testDb();
        const before = new Map((await db.select().from(datasheets).where(eq(datasheets.workspaceId, f.ws.workspace.id))).map((r) => [r.id, r]));
        const started = new Date(Date.now() - 1000);
        const outboxBefore = new Set((await db.select({ id: outboxEvents.id }).from(outboxEvents).where(eq(outboxEvents.workspaceId, f.ws.workspace.id))).map((r) => r.id));

        const result = (await op.run(db, actor, f)) as { datasheetId?: string } | undefined;

        const created = result?.datasheetId && !before.has(result.datasheetId) ? [result.datasheetId] : [];
        const touched = [...op.touches(f), ...created];
        const after = await db.select().from(datasheets).where(eq(datasheets.workspaceId, f.ws.workspace.id));
        for (const row of after) {
          const old = before.get(row.id);
          if (!touched.includes(row.id)) {
            expect(row, `${name}: ${row.id} is not one it touches`).toEqual(old);
            continue;
          }
          expect(row.version, `${name}: one version further`).toBe((old?.version ?? 0) + 1);
          expect(row.updatedByUserId, `${name}: who changed it`).toBe(actor.userId);
          expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(started.getTime());
          expect(derivedOf(row), `${name}: derived columns agree with the facts`).toEqual(await expectedDerived(row.id));
        }
        const events = (await db.select().from(outboxEvents).where(eq(outboxEvents.workspaceId, f.ws.workspace.id))).filter((e) => !outboxBefore.has(e.id));
        // A business's change is one event for the business; the others, one per datasheet.
        const perSubject = op.events[0]!.startsWith("business/") ? 1 : touched.length;
        expect(events.map((e) => e.name).sort(), `${name}: its events, once`).toEqual(op.events.flatMap((e) => Array(perSubject).fill(e)).sort());
        for (const e of events) expect(e.data.actorUserId).toBe(actor.userId);
      });
    }
  });

  describe("the system actor, inside another service's transaction", () => {
    for (const [name, op] of Object.entries(operations).filter(([, o]) => !o.isUserOnly)) {
      it(`${name} rolls back with the outer transaction`, async () => {
        const f = await fixture();
        const system = systemActor(f.ws.workspace.id, "automation");
        const before = await datasheetSnapshot(f.ws.workspace.id);
        const error = await testDb()
          .transaction(async (tx) => {
            await op.run(tx, system, f);
            throw new Rollback();
          })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Rollback);
        expect(await datasheetSnapshot(f.ws.workspace.id)).toEqual(before);
      });
    }

    it("commits with its caller, recorded as the system's with its reason", async () => {
      const f = await fixture();
      const system = systemActor(f.ws.workspace.id, "automation");
      const outboxBefore = new Set((await testDb().select({ id: outboxEvents.id }).from(outboxEvents).where(eq(outboxEvents.workspaceId, f.ws.workspace.id))).map((r) => r.id));
      await testDb().transaction(async (tx) => {
        const { id } = await addTodo(tx, system, { datasheetId: f.datasheetId, text: "From an automation", dueAt: new Date("2026-03-01T09:00:00Z"), assigneeUserId: null });
        await changeDatasheetStatus(tx, system, { datasheetId: f.datasheetId, statusId: f.statuses.second, version: await versionOf(tx, f.datasheetId) });
        await completeTodo(tx, system, { todoId: id, version: 1 });
      });
      const row = await datasheetRow(f.datasheetId);
      expect(row).toMatchObject({ statusId: f.statuses.second, updatedByUserId: null });
      const [change] = await testDb().select().from(statusChanges).where(and(eq(statusChanges.datasheetId, f.datasheetId), eq(statusChanges.reason, "manual")));
      expect(change).toMatchObject({ actorUserId: null, actorSystem: "automation", reason: "manual" });
      const events = (await testDb().select().from(outboxEvents).where(eq(outboxEvents.workspaceId, f.ws.workspace.id))).filter((e) => !outboxBefore.has(e.id));
      expect(events.map((e) => e.name).sort()).toEqual(["datasheet/status.changed", "todo/created", "todo/done"]);
      expect(events.every((e) => e.data.actorUserId === null)).toBe(true);
    });

    it("sees its whole workspace, and nothing of another", async () => {
      const f = await fixture();
      const other = await createWorkspace();
      const stranger = systemActor(other.workspace.id, "import");
      const before = await datasheetSnapshot(f.ws.workspace.id);
      await expect(addTodo(testDb(), stranger, { datasheetId: f.datasheetId, text: "x", dueAt: new Date(), assigneeUserId: null })).rejects.toMatchObject({ code: "notFound" });
      expect(await datasheetSnapshot(f.ws.workspace.id)).toEqual(before);
    });
  });

  describe("contact (SPEC §3.1), as the commit point reads it", () => {
    it("counts a user's todo done, call, meeting, note and emails; not an automation's email, a status change or a system note", async () => {
      const f = await fixture();
      const db = testDb();
      const kinds: { kind: HistoryKind; author: string | null }[] = [
        { kind: "call", author: f.ws.users.normal.id },
        { kind: "meeting", author: f.ws.users.normal.id },
        { kind: "note", author: f.ws.users.normal.id },
        { kind: "email_received", author: null },
        { kind: "email_sent", author: f.ws.users.normal.id },
        { kind: "email_sent", author: null },
        { kind: "system", author: f.ws.users.normal.id },
        { kind: "status_changed", author: f.ws.users.normal.id },
      ];
      const system = systemActor(f.ws.workspace.id, "automation");
      for (const [i, { kind, author }] of kinds.entries()) {
        const at = new Date(Date.UTC(2026, 5, 10 + i, 9));
        const previous = (await datasheetRow(f.datasheetId)).lastContactAt;
        await db.transaction(async (tx) => {
          await tx.insert(historyEntries).values({ workspaceId: f.ws.workspace.id, datasheetId: f.datasheetId, kind, body: "x", occurredAt: at, authorUserId: author });
          await commitDatasheet(tx, system, { id: f.datasheetId });
        });
        const expected = isContact({ kind, authorUserId: author }) ? at : previous;
        expect((await datasheetRow(f.datasheetId)).lastContactAt, `${kind} by ${author ? "a user" : "nobody"}`).toEqual(expected);
      }
    });
  });
});
