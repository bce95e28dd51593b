"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { cancelNewsletter, scheduleNewsletter } from "@/lib/newsletters/mutations";
import { newsletterIdSchema, scheduleNewsletterSchema } from "@/lib/newsletters/schemas";

export const scheduleNewsletterAction = authedAction(scheduleNewsletterSchema, async (input, user, db) => {
  const created = await scheduleNewsletter(db, user, input);
  revalidatePath("/newsletters");
  return created;
});

export const cancelNewsletterAction = authedAction(newsletterIdSchema, async ({ newsletterId }, user, db) => {
  await cancelNewsletter(db, user, newsletterId);
  revalidatePath("/newsletters");
  return null;
});
