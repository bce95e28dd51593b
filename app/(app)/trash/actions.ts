"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { trashedDatasheetSchema } from "@/lib/datasheets/schemas";
import { deleteDatasheetForever, restoreDatasheet } from "@/lib/datasheets/trash";

export const restoreDatasheetAction = authedAction(trashedDatasheetSchema, async (input, user, db) => {
  const restored = await restoreDatasheet(db, user, input);
  // Back in its lists, counts and reports.
  revalidatePath("/", "layout");
  return restored;
});

export const deleteDatasheetForeverAction = authedAction(trashedDatasheetSchema, async (input, user, db) => {
  await deleteDatasheetForever(db, user, input);
  revalidatePath("/trash");
  return null;
});
