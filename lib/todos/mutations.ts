import "server-only";
import { and, eq } from "drizzle-orm";
import type { Conn, Tx } from "@/db/client";
import { historyEntries, todos, type Datasheet } from "@/db/schema";
import { todoCreated, todoDone, todoReopened, todoUpdated } from "@/inngest/events";
import type { Actor } from "@/lib/auth/permissions";
import { getVisibleDatasheet } from "@/lib/datasheets/access";
import { commitDatasheet } from "@/lib/datasheets/commit";
import { assertActiveMember } from "@/lib/datasheets/people";
import { assertVersion } from "@/lib/datasheets/version";
import { DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { CLOCK_SKEW_MS } from "@/lib/history/mutations";
import { assertId } from "@/lib/ids";
import { startSaleOnTodo } from "@/lib/statuses/facts";
import type { AddTodoInput, TodoStateInput, UpdateTodoInput } from "./schemas";

/*
 * Todos are reached through their datasheet's visibility (lib/datasheets/access.ts), which is
 * locked for every change; each change ends at the commit point, which moves the datasheet's next
 * todo and last contact on, bumps its version and records the event.
 */

function ref(actor: Actor, datasheet: Pick<Datasheet, "id" | "moduleId">) {
  return { workspaceId: actor.workspaceId, moduleId: datasheet.moduleId, datasheetId: datasheet.id, actorUserId: actor.userId };
}

/** The assignee: the one chosen (an active user of the workspace), else the responsible user. */
async function assigneeFor(tx: Tx, actor: Actor, chosen: string | null, responsible: string | null): Promise<string | null> {
  if (chosen === null) return responsible;
  await assertActiveMember(tx, actor, chosen, "assigneeUserId");
  return chosen;
}

export async function addTodo(conn: Conn, actor: Actor, input: AddTodoInput, now = new Date()): Promise<{ id: string }> {
  return conn.transaction(async (tx) => {
    const datasheet = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
    const assigneeUserId = await assigneeFor(tx, actor, input.assigneeUserId, datasheet.responsibleUserId);
    const [todo] = await tx
      .insert(todos)
      .values({
        workspaceId: actor.workspaceId,
        datasheetId: datasheet.id,
        text: input.text,
        dueAt: input.dueAt,
        assigneeUserId,
        createdByUserId: actor.userId,
        updatedByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await startSaleOnTodo(tx, actor, datasheet, todo!.id, now);
    const event = todoCreated.create({ ...ref(actor, datasheet), todoId: todo!.id, assigneeUserId, dueAt: todo!.dueAt.toISOString() });
    await commitDatasheet(tx, actor, { id: datasheet.id, events: [event] }, now);
    return { id: todo!.id };
  });
}

/** The todo and its datasheet (locked), checked against the version the user saw. */
async function lockTodo(tx: Tx, actor: Actor, todoId: string, seenVersion: number) {
  assertId(todoId);
  const [found] = await tx
    .select({ datasheetId: todos.datasheetId })
    .from(todos)
    .where(and(eq(todos.id, todoId), eq(todos.workspaceId, actor.workspaceId)));
  if (!found) throw new NotFoundError();
  const datasheet = await getVisibleDatasheet(tx, actor, found.datasheetId, { lock: true });
  const [todo] = await tx.select().from(todos).where(eq(todos.id, todoId)).for("update");
  if (!todo) throw new NotFoundError();
  await assertVersion(tx, todo, seenVersion, () => todo);
  return { datasheet, todo };
}

export async function updateTodo(conn: Conn, actor: Actor, input: UpdateTodoInput): Promise<void> {
  await conn.transaction(async (tx) => {
    const { datasheet, todo } = await lockTodo(tx, actor, input.todoId, input.version);
    if (todo.doneAt) throw new DomainError("todoDone");
    const assigneeUserId = await assigneeFor(tx, actor, input.assigneeUserId, datasheet.responsibleUserId);
    await tx
      .update(todos)
      .set({ text: input.text, dueAt: input.dueAt, assigneeUserId, version: todo.version + 1, updatedByUserId: actor.userId, updatedAt: new Date() })
      .where(eq(todos.id, todo.id));
    const event = todoUpdated.create({ ...ref(actor, datasheet), todoId: todo.id, assigneeUserId, dueAt: input.dueAt.toISOString() });
    await commitDatasheet(tx, actor, { id: datasheet.id, events: [event] });
  });
}

/**
 * Marks a todo done: it joins the history at once (a `todo_done` entry), counts as contact, and
 * the datasheet's next todo moves on. `doneAt` (the API's, for one done earlier): when it was done.
 */
export async function completeTodo(conn: Conn, actor: Actor, input: TodoStateInput & { doneAt?: Date | null }, now = new Date()): Promise<void> {
  const doneAt = input.doneAt ?? now;
  if (doneAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new ValidationError({ doneAt: "occurredInFuture" });
  await conn.transaction(async (tx) => {
    const { datasheet, todo } = await lockTodo(tx, actor, input.todoId, input.version);
    if (todo.doneAt) throw new DomainError("todoDone");
    await tx
      .update(todos)
      .set({ doneAt, doneByUserId: actor.userId, version: todo.version + 1, updatedByUserId: actor.userId, updatedAt: now })
      .where(eq(todos.id, todo.id));
    await tx.insert(historyEntries).values({
      workspaceId: actor.workspaceId,
      datasheetId: datasheet.id,
      kind: "todo_done",
      body: todo.text,
      occurredAt: doneAt,
      authorUserId: actor.userId,
      todoId: todo.id,
      data: { dueAt: todo.dueAt.toISOString(), assigneeUserId: todo.assigneeUserId },
    });
    const event = todoDone.create({ ...ref(actor, datasheet), todoId: todo.id, doneAt: doneAt.toISOString() });
    await commitDatasheet(tx, actor, { id: datasheet.id, events: [event] }, now);
  });
}

/** Undoes "done": the todo is open again and its history entry (and the contact it counted as) goes. */
export async function reopenTodo(conn: Conn, actor: Actor, input: TodoStateInput): Promise<void> {
  await conn.transaction(async (tx) => {
    const { datasheet, todo } = await lockTodo(tx, actor, input.todoId, input.version);
    if (!todo.doneAt) throw new DomainError("todoOpen");
    await tx
      .update(todos)
      .set({ doneAt: null, doneByUserId: null, version: todo.version + 1, updatedByUserId: actor.userId, updatedAt: new Date() })
      .where(eq(todos.id, todo.id));
    await tx.delete(historyEntries).where(and(eq(historyEntries.todoId, todo.id), eq(historyEntries.kind, "todo_done")));
    const event = todoReopened.create({ ...ref(actor, datasheet), todoId: todo.id });
    await commitDatasheet(tx, actor, { id: datasheet.id, events: [event] });
  });
}
