"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { createClient } from "@/lib/datasheets/create";
import { newClientSchema } from "@/lib/datasheets/schemas";

/** New client, from anywhere in the app: the dialog then opens the new datasheet. */
export const createClientAction = authedAction(newClientSchema, async (input, user, db) => {
  const created = await createClient(db, user, input);
  revalidatePath("/", "layout");
  return created;
});
