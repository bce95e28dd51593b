import "server-only";
import { z } from "zod";
import type { Todo } from "@/db/schema";
import { optionalInstant } from "@/lib/forms/schema-parts";
import { addTodo, completeTodo, reopenTodo } from "@/lib/todos/mutations";
import { getTodo } from "@/lib/todos/queries";
import { todoFields } from "@/lib/todos/schemas";
import { defineEndpoint } from "../http";
import { apiTime, idParams, isoTime, isoTimeOrNull } from "./common";

export const apiTodoSchema = z.object({
  id: z.uuid(),
  datasheetId: z.uuid(),
  text: z.string(),
  dueAt: apiTime,
  assigneeUserId: z.uuid().nullable(),
  done: z.boolean(),
  doneAt: apiTime.nullable(),
});

function apiTodo(todo: Todo): z.output<typeof apiTodoSchema> {
  return {
    id: todo.id,
    datasheetId: todo.datasheetId,
    text: todo.text,
    dueAt: isoTime(todo.dueAt),
    assigneeUserId: todo.assigneeUserId,
    done: todo.doneAt !== null,
    doneAt: isoTimeOrNull(todo.doneAt),
  };
}

/** `POST /api/v1/datasheets/{id}/todos`: the same service as the datasheet's todo form. */
export const addTodoEndpoint = defineEndpoint({
  method: "POST",
  path: "/datasheets/{id}/todos",
  tag: "Todos",
  summary: "Add a todo to a datasheet",
  description:
    "Without `assigneeUserId` the datasheet's responsible user gets it. In the automatic sales module a todo moves the status by the rules (a marketing contact's first todo starts the sale).",
  params: idParams,
  body: z.strictObject({ ...todoFields }),
  response: { status: 201, schema: apiTodoSchema, description: "The todo." },
  example: `curl -s -X POST "$CRM_URL/api/v1/datasheets/$DATASHEET_ID/todos" -H "Authorization: Bearer $CRM_KEY" \\
  -H "Content-Type: application/json" -d '{"text": "Call about the 40 chairs", "dueAt": "2026-03-02T09:00:00+01:00"}'`,
  handler: async ({ caller, db, params, body }) => {
    const { id } = await addTodo(db, caller, { datasheetId: params.id, ...body });
    return apiTodo(await getTodo(db, caller, id));
  },
});

const todoStateBody = z.discriminatedUnion(
  "done",
  [
    z.strictObject({
      done: z.literal(true),
      doneAt: optionalInstant.describe("When it was done (not in the future); absent: now."),
    }),
    z.strictObject({ done: z.literal(false) }),
  ],
  { error: "required" },
);

/** `PATCH /api/v1/todos/{id}`: done (or open again), on the version the server holds. */
export const updateTodoEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/todos/{id}",
  tag: "Todos",
  summary: "Mark a todo done, or open again",
  description:
    "`done: true` marks it done (at `doneAt`, default now): it joins the datasheet's history and counts as contact. `done: false` opens a done todo again and takes its history entry back. A todo already in the asked state is a 400.",
  params: idParams,
  body: todoStateBody,
  response: { status: 200, schema: apiTodoSchema, description: "The todo." },
  example: `curl -s -X PATCH "$CRM_URL/api/v1/todos/$TODO_ID" -H "Authorization: Bearer $CRM_KEY" \\
  -H "Content-Type: application/json" -d '{"done": true}'`,
  handler: async ({ caller, db, params, body }) => {
    // The API client names no version: the change is made on the one stored now.
    const todo = await getTodo(db, caller, params.id);
    const input = { todoId: todo.id, version: todo.version };
    if (body.done) await completeTodo(db, caller, { ...input, doneAt: body.doneAt });
    else await reopenTodo(db, caller, input);
    return apiTodo(await getTodo(db, caller, todo.id));
  },
});
