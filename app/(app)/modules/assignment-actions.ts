"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import {
  bulkChangeResponsible,
  bulkChangeStatus,
  changeDatasheetResponsible,
  changeDatasheetStatus,
} from "@/lib/datasheets/assignment";
import {
  bulkChangeResponsibleSchema,
  bulkChangeStatusSchema,
  changeResponsibleSchema,
  changeStatusSchema,
} from "@/lib/datasheets/assignment-schemas";

// Status and responsible changes: used by the datasheet page, the list's bulk bar and the board.
// Each authorises in the service; the answer carries the new version for the next conflict check.
function revalidate(moduleId: string, datasheetId?: string): void {
  revalidatePath(`/modules/${moduleId}`, "layout");
  if (datasheetId) revalidatePath(`/datasheets/${datasheetId}`);
}

export const changeStatusAction = authedAction(changeStatusSchema, async (input, user, db) => {
  const result = await changeDatasheetStatus(db, user, input);
  revalidate(result.moduleId, input.datasheetId);
  return result;
});

export const changeResponsibleAction = authedAction(changeResponsibleSchema, async (input, user, db) => {
  const result = await changeDatasheetResponsible(db, user, input);
  revalidate(result.moduleId, input.datasheetId);
  return result;
});

export const bulkChangeStatusAction = authedAction(bulkChangeStatusSchema, async (input, user, db) => {
  const result = await bulkChangeStatus(db, user, input);
  revalidate(result.moduleId);
  return result;
});

export const bulkChangeResponsibleAction = authedAction(bulkChangeResponsibleSchema, async (input, user, db) => {
  const result = await bulkChangeResponsible(db, user, input);
  revalidate(result.moduleId);
  return result;
});
