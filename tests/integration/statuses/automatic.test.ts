import { and, asc, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { datasheets, emailSuppressions, historyEntries, statusChanges } from "@/db/schema";
import { systemActor } from "@/lib/auth/permissions";
import { commitDatasheets } from "@/lib/datasheets/commit";
import { createClient } from "@/lib/datasheets/create";
import { updateDatasheetFields } from "@/lib/datasheets/field-values";
import { addInvoice, markInvoicePaid } from "@/lib/invoices/mutations";
import { runStatusChecks } from "@/lib/statuses/checks";
import { addTodo, completeTodo } from "@/lib/todos/mutations";
import { createWorkspace, type TestWorkspace } from "../../factories";
import { datasheetRow, datasheetSnapshot } from "../../factories/datasheets";
import { createAutomaticModule } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";
import { expectFieldError } from "../modules/helpers";

const DAY = 86_400_000;

/** The key of a datasheet's status now, and its newest status change. */
async function statusOf(datasheetId: string) {
  const db = testDb();
  const [row] = await db.select({ key: datasheets.statusReason }).from(datasheets).where(eq(datasheets.id, datasheetId));
  const [change] = await db.select().from(statusChanges).where(eq(statusChanges.datasheetId, datasheetId)).orderBy(desc(statusChanges.at), desc(statusChanges.id)).limit(1);
  return { reason: row!.key, change: change! };
}

async function client(ws: TestWorkspace, moduleId: string, fields: Record<string, unknown> = {}, createdAt?: Date) {
  const { datasheetId } = await createClient(
    testDb(),
    ws.actors.normal,
    { business: { kind: "company", name: "Tesztiroda Kft.", email: "info@tesztiroda.hu", phone: null, taxNumber: null }, contacts: [], moduleId, statusId: null, responsibleUserId: null, fields, createdAt },
  );
  return datasheetId;
}

describeEachBackend("the automatic sales module", () => {
  describe("the Tesztiroda Kft. story, through the services (SPEC §3.1)", () => {
    it("moves from a new inquiry to a regular customer, each step recorded with its rule, facts and who did it", async () => {
      const ws = await createWorkspace();
      const auto = await createAutomaticModule(ws.actors.admin);
      const normal = ws.actors.normal;
      const db = testDb();

      // A quote form's inquiry: 40 chairs and 10 tables.
      const id = await client(ws, auto.moduleId);
      let step = await statusOf(id);
      expect(step.change).toMatchObject({ toKey: "awaiting_processing", fromStatusId: null, reason: "new_inquiry", actorUserId: normal.userId });
      expect(step.change.facts).toMatchObject({ salesStatus: "in_progress", doneTodos: 0, openTodos: 0 });
      expect(await datasheetRow(id)).toMatchObject({ salesStatus: "in_progress", entry: "inquiry", statusId: auto.statuses.awaiting_processing, version: 1 });

      // The first todo: awaiting contact.
      const { id: call } = await addTodo(db, normal, { datasheetId: id, text: "Call about the 40 chairs and 10 tables", dueAt: new Date(Date.now() + DAY), assigneeUserId: null });
      step = await statusOf(id);
      expect(step.change).toMatchObject({ fromKey: "awaiting_processing", toKey: "awaiting_contact", reason: "todo_open", actorUserId: normal.userId });

      // Done: in progress.
      await completeTodo(db, normal, { todoId: call, version: 1 });
      expect((await statusOf(id)).change).toMatchObject({ fromKey: "awaiting_contact", toKey: "in_progress", reason: "todo_done", facts: { doneTodos: 1 } });

      // Qualified as target group, two more todos done: serious prospect (two are not enough).
      await updateDatasheetFields(db, ws.actors.manager, { datasheetId: id, version: (await datasheetRow(id)).version, fields: { qualification: "target_group" } });
      expect((await datasheetRow(id)).statusId).toBe(auto.statuses.in_progress);
      for (const text of ["Send the quote", "Show the samples"]) {
        const { id: todoId } = await addTodo(db, normal, { datasheetId: id, text, dueAt: new Date(Date.now() + DAY), assigneeUserId: null });
        await completeTodo(db, normal, { todoId, version: 1 });
      }
      expect((await statusOf(id)).change).toMatchObject({
        toKey: "serious_prospect",
        reason: "serious_prospect",
        facts: { doneTodos: 3, qualification: "target_group" },
      });

      // The first invoice paid: Closed won (the system did it, and says why), one-time customer.
      const { id: first } = await addInvoice(db, ws.actors.admin, { datasheetId: id, number: "TI-1", amount: "1200000", currency: "HUF", issuedOn: "2026-01-05", dueOn: null });
      await markInvoicePaid(db, ws.actors.admin, { invoiceId: first, paidOn: "2026-01-10" });
      expect(await datasheetRow(id)).toMatchObject({ salesStatus: "closed_won", statusId: auto.statuses.one_time });
      const [why] = await db.select().from(historyEntries).where(and(eq(historyEntries.datasheetId, id), eq(historyEntries.kind, "system")));
      expect(why).toMatchObject({ authorUserId: null, data: { change: "sales_status", from: "in_progress", to: "closed_won", reason: "first_invoice_paid", invoiceId: first } });
      expect((await statusOf(id)).change).toMatchObject({ fromKey: "serious_prospect", toKey: "one_time", reason: "closed_won_one_time", actorUserId: ws.actors.admin.userId });

      // A second paid invoice: returning; a third in another month of the last twelve: regular.
      const month = (offset: number) => new Date(Date.now() - offset * 31 * DAY).toISOString().slice(0, 10);
      const { id: second } = await addInvoice(db, ws.actors.admin, { datasheetId: id, number: "TI-2", amount: "300000", currency: "HUF", issuedOn: month(2), dueOn: null });
      await markInvoicePaid(db, ws.actors.admin, { invoiceId: second, paidOn: month(2) });
      expect((await statusOf(id)).change).toMatchObject({ toKey: "returning", reason: "closed_won_returning" });
      const { id: third } = await addInvoice(db, ws.actors.admin, { datasheetId: id, number: "TI-3", amount: "300000", currency: "HUF", issuedOn: month(1), dueOn: null });
      await markInvoicePaid(db, ws.actors.admin, { invoiceId: third, paidOn: month(1) });
      const { id: fourth } = await addInvoice(db, ws.actors.admin, { datasheetId: id, number: "TI-4", amount: "300000", currency: "HUF", issuedOn: month(0), dueOn: null });
      await markInvoicePaid(db, ws.actors.admin, { invoiceId: fourth, paidOn: month(0) });
      expect((await statusOf(id)).change).toMatchObject({ toKey: "regular", reason: "closed_won_regular", facts: { paidMonthsInWindow: 3 } });

      // Lost after all: failed.
      await updateDatasheetFields(db, ws.actors.manager, { datasheetId: id, version: (await datasheetRow(id)).version, fields: { sales_status: "closed_lost" } });
      expect((await statusOf(id)).change).toMatchObject({ toKey: "failed", reason: "closed_lost", actorUserId: ws.actors.manager.userId });

      // Every change was stored, in order, and the status never changed twice in one change.
      const all = await db.select().from(statusChanges).where(eq(statusChanges.datasheetId, id)).orderBy(asc(statusChanges.at), asc(statusChanges.id));
      expect(all.map((c) => c.toKey)).toEqual(["awaiting_processing", "awaiting_contact", "in_progress", "serious_prospect", "one_time", "returning", "regular", "failed"]);
    });

    it("refuses a status chosen by hand, and a commit with no fact changed moves nothing (the rule applied twice)", async () => {
      const ws = await createWorkspace();
      const auto = await createAutomaticModule(ws.actors.admin);
      await expectFieldError(
        createClient(testDb(), ws.actors.normal, { business: { kind: "company", name: "X", email: null, phone: null, taxNumber: null }, contacts: [], moduleId: auto.moduleId, statusId: auto.statuses.one_time, responsibleUserId: null }),
        "statusId",
        "statusAutomatic",
      );
      const id = await client(ws, auto.moduleId);
      const before = await testDb().select().from(statusChanges).where(eq(statusChanges.datasheetId, id));
      await testDb().transaction((tx) => commitDatasheets(tx, systemActor(ws.workspace.id, "automation"), { ids: [id] }));
      expect(await testDb().select().from(statusChanges).where(eq(statusChanges.datasheetId, id))).toEqual(before);
    });
  });

  describe("marketing contacts", () => {
    it("a subscriber starts in Newsletter, a purchased list in Purchased list; a todo starts the sale", async () => {
      const ws = await createWorkspace();
      const auto = await createAutomaticModule(ws.actors.admin);
      const subscriber = await client(ws, auto.moduleId, { entry: "subscriber" });
      expect(await datasheetRow(subscriber)).toMatchObject({ salesStatus: null, entry: "subscriber", statusId: auto.statuses.newsletter });
      const list = await client(ws, auto.moduleId, { entry: "list" });
      expect((await statusOf(list)).change).toMatchObject({ toKey: "cold_list", reason: "purchased_list" });

      await addTodo(testDb(), ws.actors.normal, { datasheetId: list, text: "Call them", dueAt: new Date(Date.now() + DAY), assigneeUserId: null });
      expect(await datasheetRow(list)).toMatchObject({ salesStatus: "in_progress", statusId: auto.statuses.awaiting_contact });
      const [started] = await testDb().select().from(historyEntries).where(and(eq(historyEntries.datasheetId, list), eq(historyEntries.kind, "system")));
      expect(started).toMatchObject({ authorUserId: null, data: { change: "sales_status", from: null, to: "in_progress", reason: "todo_added" } });
    });

    it("is unreachable once its address unsubscribes, bounces or complains", async () => {
      const ws = await createWorkspace();
      const auto = await createAutomaticModule(ws.actors.admin);
      const id = await client(ws, auto.moduleId, { entry: "subscriber" });
      await testDb().transaction(async (tx) => {
        await tx.insert(emailSuppressions).values({ workspaceId: ws.workspace.id, address: "info@tesztiroda.hu", reason: "bounced" });
        await commitDatasheets(tx, systemActor(ws.workspace.id, "email"), { ids: [id] });
      });
      expect((await statusOf(id)).change).toMatchObject({ toKey: "unreachable", reason: "unreachable", actorSystem: "email", actorUserId: null });
    });
  });

  describe("the daily checks (SPEC §3.2)", () => {
    it("moves a sale without contact for more than 30 days to Forgotten; a dry run at any moment says so and changes nothing", async () => {
      const ws = await createWorkspace();
      const auto = await createAutomaticModule(ws.actors.admin);
      const now = new Date();
      const quiet = await client(ws, auto.moduleId, {}, new Date(now.getTime() - 10 * DAY));
      const busy = await client(ws, auto.moduleId, {}, new Date(now.getTime() - 40 * DAY));
      await addTodo(testDb(), ws.actors.normal, { datasheetId: busy, text: "Call next month", dueAt: new Date(now.getTime() + 30 * DAY), assigneeUserId: null });

      const before = await datasheetSnapshot(ws.workspace.id);
      const in25 = await runStatusChecks(testDb(), ws.actors.admin, { asOf: new Date(now.getTime() + 25 * DAY), dryRun: true }, now);
      expect(in25).toEqual({
        dryRun: true,
        transitions: [expect.objectContaining({ datasheetId: quiet, from: "awaiting_processing", to: "forgotten", reason: "no_contact", moduleId: auto.moduleId })],
      });
      // In 40 days the busy one's todo is past too.
      const in40 = await runStatusChecks(testDb(), ws.actors.admin, { asOf: new Date(now.getTime() + 40 * DAY), dryRun: true }, now);
      expect((in40 as { transitions: { datasheetId: string }[] }).transitions.map((t) => t.datasheetId).sort()).toEqual([quiet, busy].sort());
      expect(await datasheetSnapshot(ws.workspace.id)).toEqual(before);

      // Run for real at a moment 25 days on: only the quiet one moves, as the system.
      const ran = await runStatusChecks(testDb(), ws.actors.admin, { asOf: new Date(now.getTime() + 25 * DAY) }, now);
      expect(ran).toEqual({ dryRun: false, moved: 1 });
      expect((await statusOf(quiet)).change).toMatchObject({ toKey: "forgotten", reason: "no_contact", actorUserId: null, actorSystem: "status_check" });
      expect((await datasheetRow(quiet)).version).toBe(2);
      expect((await datasheetRow(busy)).statusId).toBe(auto.statuses.awaiting_contact);
    });

    it("is for admins: a manager's or a normal user's request is refused", async () => {
      const ws = await createWorkspace();
      for (const role of ["manager", "normal", "restricted"] as const) {
        await expect(runStatusChecks(testDb(), ws.actors[role], { dryRun: true })).rejects.toMatchObject({ code: "forbidden" });
      }
    });
  });
});
