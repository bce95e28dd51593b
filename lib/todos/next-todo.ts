import { and, asc, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { datasheets, todos } from "@/db/schema";

/** Keeps the datasheet's "next todo" (the earliest open one by deadline) after any change of its todos. */
export async function refreshNextTodo(tx: Tx, datasheetId: string): Promise<void> {
  const [next] = await tx
    .select({ id: todos.id, dueAt: todos.dueAt })
    .from(todos)
    .where(and(eq(todos.datasheetId, datasheetId), isNull(todos.doneAt)))
    .orderBy(asc(todos.dueAt), asc(todos.id))
    .limit(1);
  await tx
    .update(datasheets)
    .set({ nextTodoId: next?.id ?? null, nextTodoDueAt: next?.dueAt ?? null })
    .where(eq(datasheets.id, datasheetId));
}
