"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { updateWorkspaceSettingsSchema } from "@/lib/workspaces/schemas";
import { updateWorkspaceSettings } from "@/lib/workspaces/settings";

export const updateWorkspaceSettingsAction = authedAction(updateWorkspaceSettingsSchema, async (input, user, db) => {
  await updateWorkspaceSettings(db, user, input);
  // The name heads every page; the zone and language reach every date and text.
  revalidatePath("/", "layout");
  return null;
});
