import "server-only";
import { and, eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { todos, type Todo } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { getVisibleDatasheet } from "@/lib/datasheets/access";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";

/** A todo the actor may see: one of their workspace, on a datasheet they may see (else "not found"). */
export async function getTodo(conn: Conn, actor: Actor, todoId: string): Promise<Todo> {
  assertId(todoId);
  const [todo] = await conn
    .select()
    .from(todos)
    .where(and(eq(todos.id, todoId), eq(todos.workspaceId, actor.workspaceId)));
  if (!todo) throw new NotFoundError();
  await getVisibleDatasheet(conn, actor, todo.datasheetId);
  return todo;
}
