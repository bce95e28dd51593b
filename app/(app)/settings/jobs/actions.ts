"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { retryJobRun } from "@/lib/jobs/mutations";
import { retryJobRunSchema } from "@/lib/jobs/schemas";

export const retryJobRunAction = authedAction(retryJobRunSchema, async ({ runId }, user) => {
  await retryJobRun(user, runId);
  revalidatePath("/settings/jobs");
  return null;
});
