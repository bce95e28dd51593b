"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { activateAutomation, createAutomation, restoreAutomation, switchOffAutomation, trashAutomation, updateAutomation } from "@/lib/automations/mutations";
import { automationIdSchema, createAutomationSchema, updateAutomationSchema } from "@/lib/automations/schemas";

// Settings → Automations: each action is one service call (admins only, one transaction, audited).
function revalidate(): void {
  revalidatePath("/settings/automations", "layout");
}

export const createAutomationAction = authedAction(createAutomationSchema, async (input, user, db) => {
  const created = await createAutomation(db, user, input);
  revalidate();
  return created;
});

export const updateAutomationAction = authedAction(updateAutomationSchema, async (input, user, db) => {
  await updateAutomation(db, user, input);
  revalidate();
  return null;
});

export const activateAutomationAction = authedAction(automationIdSchema, async ({ automationId }, user, db) => {
  await activateAutomation(db, user, automationId);
  revalidate();
  return null;
});

export const switchOffAutomationAction = authedAction(automationIdSchema, async ({ automationId }, user, db) => {
  await switchOffAutomation(db, user, automationId);
  revalidate();
  return null;
});

export const trashAutomationAction = authedAction(automationIdSchema, async ({ automationId }, user, db) => {
  await trashAutomation(db, user, automationId);
  revalidate();
  return null;
});

export const restoreAutomationAction = authedAction(automationIdSchema, async ({ automationId }, user, db) => {
  await restoreAutomation(db, user, automationId);
  revalidate();
  return null;
});
