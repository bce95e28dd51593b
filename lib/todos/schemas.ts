import { z } from "zod";
import { formId, formVersion, optionalFormId } from "@/lib/forms/schema-parts";

const id = formId;
const text = z.string().trim().min(1, "required").max(2000, "tooLong");
/** An instant with its offset; the form turns the user's local date and time into one. */
const dueAt = z
  .string()
  .trim()
  .min(1, "required")
  .refine((v) => !Number.isNaN(Date.parse(v)) && /T\d{2}:\d{2}/.test(v), "datetimeInvalid")
  .transform((v) => new Date(v));
/** Empty: the datasheet's responsible user. */
const assigneeUserId = optionalFormId;
const version = formVersion;

export const addTodoSchema = z.object({ datasheetId: id, text, dueAt, assigneeUserId });
export type AddTodoInput = z.output<typeof addTodoSchema>;

export const updateTodoSchema = z.object({ todoId: id, version, text, dueAt, assigneeUserId });
export type UpdateTodoInput = z.output<typeof updateTodoSchema>;

export const todoStateSchema = z.object({ todoId: id, version });
export type TodoStateInput = z.output<typeof todoStateSchema>;
