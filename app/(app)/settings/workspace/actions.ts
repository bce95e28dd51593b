"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/safe-action";
import { backUpNow } from "@/lib/backups/backup";
import { updateWorkspaceSettingsSchema } from "@/lib/workspaces/schemas";
import { updateWorkspaceSettings } from "@/lib/workspaces/settings";

export const updateWorkspaceSettingsAction = authedAction(updateWorkspaceSettingsSchema, async (input, user, db) => {
  await updateWorkspaceSettings(db, user, input);
  // The name heads every page; the zone and language reach every date and text.
  revalidatePath("/", "layout");
  return null;
});

export const backUpNowAction = authedAction(z.object({}), async (_input, user) => {
  const backup = await backUpNow(user);
  revalidatePath("/settings/workspace");
  return { at: backup.at.toISOString(), size: backup.size };
});
