"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { createEmailTemplate, restoreEmailTemplate, trashEmailTemplate, updateEmailTemplate } from "@/lib/email-templates/mutations";
import { renderDraftForDatasheet } from "@/lib/email-templates/render";
import { createEmailTemplateSchema, previewTemplateSchema, templateIdSchema, updateEmailTemplateSchema } from "@/lib/email-templates/schemas";

const LIST = "/settings/email-templates";

export const createEmailTemplateAction = authedAction(createEmailTemplateSchema, async (input, user, db) => {
  const created = await createEmailTemplate(db, user, input);
  revalidatePath(LIST);
  return created;
});

export const updateEmailTemplateAction = authedAction(updateEmailTemplateSchema, async (input, user, db) => {
  const updated = await updateEmailTemplate(db, user, input);
  revalidatePath(LIST);
  return updated;
});

export const trashEmailTemplateAction = authedAction(templateIdSchema, async ({ templateId }, user, db) => {
  await trashEmailTemplate(db, user, templateId);
  revalidatePath(LIST);
  return null;
});

export const restoreEmailTemplateAction = authedAction(templateIdSchema, async ({ templateId }, user, db) => {
  await restoreEmailTemplate(db, user, templateId);
  revalidatePath(LIST);
  return null;
});

/** The editor's live preview of what is typed (saved or not) on a datasheet of the module. */
export const previewEmailTemplateAction = authedAction(previewTemplateSchema, async (input, user, db) => {
  return renderDraftForDatasheet(db, user, input);
});
