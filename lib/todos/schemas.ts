import { z } from "zod";
import { formId, formVersion, instant, optionalFormId } from "@/lib/forms/schema-parts";

const text = z.string("required").trim().min(1, "required").max(2000, "tooLong");
/** Null or absent: the datasheet's responsible user. */
const assigneeUserId = optionalFormId;

/** A todo's own data, as the API takes it under `/datasheets/{id}/todos`. */
export const todoFields = { text, dueAt: instant, assigneeUserId };

export const addTodoSchema = z.object({ datasheetId: formId, ...todoFields });
export type AddTodoInput = z.output<typeof addTodoSchema>;

export const updateTodoSchema = z.object({ todoId: formId, version: formVersion, ...todoFields });
export type UpdateTodoInput = z.output<typeof updateTodoSchema>;

export const todoStateSchema = z.object({ todoId: formId, version: formVersion });
export type TodoStateInput = z.output<typeof todoStateSchema>;
