"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/safe-action";
import { addContact, removeContact, updateBusiness, updateContact } from "@/lib/businesses/mutations";
import { addContactSchema, removeContactSchema, updateBusinessSchema, updateContactSchema } from "@/lib/businesses/schemas";
import { addDatasheetToModule } from "@/lib/datasheets/create";
import { updateDatasheetFields } from "@/lib/datasheets/field-values";
import { addToModuleSchema, trashDatasheetSchema, updateFieldsSchema } from "@/lib/datasheets/schemas";
import { trashDatasheet } from "@/lib/datasheets/trash";
import { logHistory } from "@/lib/history/mutations";
import { logHistorySchema } from "@/lib/history/schemas";
import { addInvoice, markInvoicePaid } from "@/lib/invoices/mutations";
import { addInvoiceSchema, markInvoicePaidSchema } from "@/lib/invoices/schemas";
import { addTodo, completeTodo, reopenTodo, updateTodo } from "@/lib/todos/mutations";
import { addTodoSchema, todoStateSchema, updateTodoSchema } from "@/lib/todos/schemas";

// The datasheet page's actions. Each is one service call that authorises on its own (the
// datasheet must be visible to the user), runs in one transaction and records its event; a stale
// version comes back as "changed by … meanwhile" and the page reloads its data to show the
// current values.

/** Todos, history and invoices are addressed by their own id; the page passes its datasheet too, for the revalidation. */
const withPage = { pageId: z.string().trim().max(100).optional() };

function revalidate(datasheetId: string | undefined): void {
  if (datasheetId) revalidatePath(`/datasheets/${datasheetId}`);
}

export const updateBusinessAction = authedAction(updateBusinessSchema, async ({ datasheetId, version, ...data }, user, db) => {
  const saved = await updateBusiness(db, user, datasheetId, version, data);
  // The name shows in every list and on every datasheet of the business.
  revalidatePath("/", "layout");
  return { version: saved.version };
});

export const addContactAction = authedAction(addContactSchema, async ({ datasheetId, ...input }, user, db) => {
  const created = await addContact(db, user, datasheetId, input);
  revalidate(datasheetId);
  return created;
});

export const updateContactAction = authedAction(updateContactSchema, async ({ datasheetId, contactId, ...input }, user, db) => {
  await updateContact(db, user, datasheetId, contactId, input);
  revalidate(datasheetId);
  return null;
});

export const removeContactAction = authedAction(removeContactSchema, async ({ datasheetId, contactId }, user, db) => {
  await removeContact(db, user, datasheetId, contactId);
  revalidate(datasheetId);
  return null;
});

export const updateFieldsAction = authedAction(updateFieldsSchema, async (input, user, db) => {
  const result = await updateDatasheetFields(db, user, input);
  revalidate(input.datasheetId);
  return result;
});

export const trashDatasheetAction = authedAction(trashDatasheetSchema, async (input, user, db) => {
  await trashDatasheet(db, user, input);
  revalidatePath("/", "layout");
  return null;
});

export const addToModuleAction = authedAction(addToModuleSchema, async (input, user, db) => {
  const created = await addDatasheetToModule(db, user, input);
  revalidatePath("/", "layout");
  return created;
});

export const addTodoAction = authedAction(addTodoSchema, async (input, user, db) => {
  const created = await addTodo(db, user, input);
  revalidate(input.datasheetId);
  return created;
});

export const updateTodoAction = authedAction(updateTodoSchema.extend(withPage), async ({ pageId, ...input }, user, db) => {
  await updateTodo(db, user, input);
  revalidate(pageId);
  return null;
});

export const completeTodoAction = authedAction(todoStateSchema.extend(withPage), async ({ pageId, ...input }, user, db) => {
  await completeTodo(db, user, input);
  revalidate(pageId);
  return null;
});

export const reopenTodoAction = authedAction(todoStateSchema.extend(withPage), async ({ pageId, ...input }, user, db) => {
  await reopenTodo(db, user, input);
  revalidate(pageId);
  return null;
});

export const logHistoryAction = authedAction(logHistorySchema, async (input, user, db) => {
  const created = await logHistory(db, user, input);
  revalidate(input.datasheetId);
  return created;
});

export const addInvoiceAction = authedAction(addInvoiceSchema, async (input, user, db) => {
  const created = await addInvoice(db, user, input);
  revalidate(input.datasheetId);
  return created;
});

export const markInvoicePaidAction = authedAction(markInvoicePaidSchema.extend(withPage), async ({ pageId, ...input }, user, db) => {
  await markInvoicePaid(db, user, input);
  revalidate(pageId);
  return null;
});
