import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { getDb } from "@/db/client";
import { historyEntries, todos } from "@/db/schema";
import { getDatasheetPage } from "@/lib/datasheets/page";
import { logHistory } from "@/lib/history/mutations";
import { addTodo, completeTodo, reopenTodo, updateTodo } from "@/lib/todos/mutations";
import { createUser, createWorkspace } from "../../factories";
import { createTestClient, datasheetRow, outboxOf } from "../../factories/datasheets";
import { createTestModule } from "../../factories/modules";
import { testDb, describeEachBackend } from "../../support/db";
import { expectDomainError, expectFieldError } from "../modules/helpers";

async function client(responsible: "normal" | null = "normal") {
  const ws = await createWorkspace();
  const config = await createTestModule(ws.actors.admin, "customer_service");
  const { datasheetId } = await createTestClient(ws.actors.admin, config.module.id, {
    responsibleUserId: responsible ? ws.users[responsible].id : null,
  });
  return { ws, config, datasheetId };
}

const at = (iso: string) => new Date(iso);

describeEachBackend("todos and history", () => {
  it("keeps the next todo on the datasheet as todos are added, moved and done", async () => {
    const { ws, datasheetId } = await client();
    const actor = ws.actors.normal;
    const later = await addTodo(testDb(), actor, { datasheetId, text: "Send the quote", dueAt: at("2026-03-10T10:00:00Z"), assigneeUserId: null });
    expect(await datasheetRow(datasheetId)).toMatchObject({ nextTodoId: later.id, nextTodoDueAt: at("2026-03-10T10:00:00Z") });
    const sooner = await addTodo(testDb(), actor, { datasheetId, text: "Call back", dueAt: at("2026-03-05T08:30:00Z"), assigneeUserId: ws.users.manager.id });
    expect((await datasheetRow(datasheetId)).nextTodoId).toBe(sooner.id);
    // Moving the sooner one after the other hands "next" back.
    await updateTodo(testDb(), actor, { todoId: sooner.id, version: 1, text: "Call back", dueAt: at("2026-03-20T08:30:00Z"), assigneeUserId: null });
    expect((await datasheetRow(datasheetId)).nextTodoId).toBe(later.id);
    // A moved deadline is an event for the status rules ("no open todo due in the future").
    const [moved] = await outboxOf(ws.workspace.id, "todo/updated");
    expect(moved?.data).toMatchObject({ todoId: sooner.id, dueAt: "2026-03-20T08:30:00.000Z", assigneeUserId: ws.users.normal.id });
    await completeTodo(testDb(), actor, { todoId: later.id, version: 1 });
    expect((await datasheetRow(datasheetId)).nextTodoId).toBe(sooner.id);
    await completeTodo(testDb(), actor, { todoId: sooner.id, version: 2 });
    expect(await datasheetRow(datasheetId)).toMatchObject({ nextTodoId: null, nextTodoDueAt: null });
  });

  it("gives a todo the responsible user by default, or the chosen active colleague", async () => {
    const { ws, datasheetId } = await client();
    const gone = await createUser(ws.workspace.id, { role: "normal", isActive: false });
    const outsider = await createWorkspace();
    const byDefault = await addTodo(testDb(), ws.actors.admin, { datasheetId, text: "A", dueAt: new Date(), assigneeUserId: null });
    const chosen = await addTodo(testDb(), ws.actors.admin, { datasheetId, text: "B", dueAt: new Date(), assigneeUserId: ws.users.manager.id });
    const db = await getDb();
    const rows = await db.select().from(todos).where(eq(todos.datasheetId, datasheetId));
    expect(rows.find((r) => r.id === byDefault.id)?.assigneeUserId).toBe(ws.users.normal.id);
    expect(rows.find((r) => r.id === chosen.id)?.assigneeUserId).toBe(ws.users.manager.id);
    for (const assigneeUserId of [gone.id, outsider.users.admin.id]) {
      await expectFieldError(addTodo(testDb(), ws.actors.admin, { datasheetId, text: "C", dueAt: new Date(), assigneeUserId }), "assigneeUserId", "userInvalid");
    }
  });

  it("moves a done todo into the history at once, counts it as contact, and records todo/done", async () => {
    const { ws, datasheetId } = await client();
    const actor = ws.actors.normal;
    const { id } = await addTodo(testDb(), actor, { datasheetId, text: "Visit the showroom", dueAt: at("2026-04-01T09:00:00Z"), assigneeUserId: null });
    const doneAt = at("2026-04-01T11:15:00Z");
    await completeTodo(testDb(), actor, { todoId: id, version: 1 }, doneAt);
    const page = await getDatasheetPage(actor, datasheetId);
    expect(page.openTodos).toEqual([]);
    expect(page.history.find((h) => h.kind === "todo_done")).toMatchObject({ kind: "todo_done", body: "Visit the showroom", authorUserId: actor.userId, todoId: id, occurredAt: doneAt, todoVersion: 2 });
    expect((await datasheetRow(datasheetId)).lastContactAt).toEqual(doneAt);
    const events = await outboxOf(ws.workspace.id);
    expect(events.map((e) => e.name)).toEqual(expect.arrayContaining(["todo/created", "todo/done"]));
    expect(events.find((e) => e.name === "todo/done")?.data).toMatchObject({ todoId: id, datasheetId, doneAt: doneAt.toISOString(), actorUserId: actor.userId });
    // Done twice is refused, not silently repeated.
    await expectDomainError(completeTodo(testDb(), actor, { todoId: id, version: 2 }), "todoDone");
  });

  it("reopening takes the todo out of the history and its contact back", async () => {
    const { ws, datasheetId } = await client();
    const actor = ws.actors.manager;
    await logHistory(testDb(), actor, { datasheetId, kind: "call", body: "First call", occurredAt: at("2026-02-01T10:00:00Z") }, at("2026-03-01T00:00:00Z"));
    const { id } = await addTodo(testDb(), actor, { datasheetId, text: "Follow up", dueAt: at("2026-02-10T10:00:00Z"), assigneeUserId: null });
    await completeTodo(testDb(), actor, { todoId: id, version: 1 }, at("2026-02-11T10:00:00Z"));
    expect((await datasheetRow(datasheetId)).lastContactAt).toEqual(at("2026-02-11T10:00:00Z"));
    await reopenTodo(testDb(), actor, { todoId: id, version: 2 });
    const sheet = await datasheetRow(datasheetId);
    expect(sheet.lastContactAt).toEqual(at("2026-02-01T10:00:00Z"));
    expect(sheet.nextTodoId).toBe(id);
    const db = await getDb();
    expect(await db.select().from(historyEntries).where(and(eq(historyEntries.todoId, id)))).toEqual([]);
    // The status rules count closed todos: a reopened one is an event too.
    const [reopened] = await outboxOf(ws.workspace.id, "todo/reopened");
    expect(reopened?.data).toMatchObject({ todoId: id, datasheetId, actorUserId: actor.userId });
  });

  it("logs calls, meetings, notes and emails with their time; last contact is the latest of them", async () => {
    const { ws, datasheetId } = await client();
    const actor = ws.actors.restricted; // the datasheet is the normal user's: use one of nobody's
    const own = await createTestClient(ws.actors.restricted, (await getDatasheetPage(ws.actors.admin, datasheetId)).module.id, { responsibleUserId: ws.users.restricted.id });
    const now = new Date();
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    await logHistory(testDb(), actor, { datasheetId: own.datasheetId, kind: "meeting", body: "Showroom visit", occurredAt: daysAgo(2) }, now);
    // A call logged afterwards, about an earlier day, does not move last contact back.
    await logHistory(testDb(), actor, { datasheetId: own.datasheetId, kind: "call", body: "Asked about delivery", occurredAt: daysAgo(8) }, now);
    expect((await datasheetRow(own.datasheetId)).lastContactAt).toEqual(daysAgo(2));
    await logHistory(testDb(), actor, { datasheetId: own.datasheetId, kind: "email_received", body: "Order confirmed", occurredAt: null }, now);
    expect((await datasheetRow(own.datasheetId)).lastContactAt).toEqual(now);
    const page = await getDatasheetPage(actor, own.datasheetId);
    // Newest first, the status set at creation (just before `now`) among them.
    expect(page.history.map((h) => h.body || `${h.kind}:${h.reason}`)).toEqual([
      "Order confirmed",
      "status_changed:created",
      "Showroom visit",
      "Asked about delivery",
    ]);
    const logged = await outboxOf(ws.workspace.id, "history/logged");
    expect(logged.map((e) => e.data.kind)).toEqual(expect.arrayContaining(["meeting", "call", "email_received"]));
    await expectFieldError(
      logHistory(testDb(), actor, { datasheetId: own.datasheetId, kind: "note", body: "Tomorrow", occurredAt: new Date(now.getTime() + 3_600_000) }, now),
      "occurredAt",
      "occurredInFuture",
    );
  });

  it("records no event and no change when the transaction fails", async () => {
    const { ws, datasheetId } = await client();
    const before = await datasheetRow(datasheetId);
    const eventsBefore = await outboxOf(ws.workspace.id);
    const gone = await createUser(ws.workspace.id, { role: "normal", isActive: false });
    await expectFieldError(addTodo(testDb(), ws.actors.admin, { datasheetId, text: "X", dueAt: new Date(), assigneeUserId: gone.id }), "assigneeUserId", "userInvalid");
    expect(await outboxOf(ws.workspace.id)).toEqual(eventsBefore);
    expect(await datasheetRow(datasheetId)).toEqual(before);
    const db = await getDb();
    expect(await db.select().from(todos).where(eq(todos.datasheetId, datasheetId))).toEqual([]);
  });

  it("bumps the datasheet's version with every todo and history change", async () => {
    const { ws, datasheetId } = await client();
    const v1 = (await datasheetRow(datasheetId)).version;
    const { id } = await addTodo(testDb(), ws.actors.normal, { datasheetId, text: "A", dueAt: new Date(), assigneeUserId: null });
    const v2 = (await datasheetRow(datasheetId)).version;
    await completeTodo(testDb(), ws.actors.normal, { todoId: id, version: 1 });
    const v3 = (await datasheetRow(datasheetId)).version;
    await logHistory(testDb(), ws.actors.normal, { datasheetId, kind: "note", body: "N", occurredAt: null });
    const v4 = (await datasheetRow(datasheetId)).version;
    expect([v2 - v1, v3 - v2, v4 - v3]).toEqual([1, 1, 1]);
  });
});
