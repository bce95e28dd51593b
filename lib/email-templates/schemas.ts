import { z } from "zod";

/*
 * Settings → Email templates: the inputs, shared by the editor's pre-check in the browser, the
 * actions and the services (zod only: the browser loads this file). Merge fields are checked by
 * validateTemplate (merge-fields.ts), which needs the module's fields.
 */

export const TEMPLATE_NAME_MAX = 200;
export const TEMPLATE_SUBJECT_MAX = 300;
export const TEMPLATE_BODY_MAX = 20_000;

const id = z.string("required").trim().min(1, "required");

const templateParts = {
  name: z.string("required").trim().min(1, "required").max(TEMPLATE_NAME_MAX, "tooLong"),
  subject: z.string("required").trim().min(1, "required").max(TEMPLATE_SUBJECT_MAX, "tooLong"),
  body: z.string("required").trim().min(1, "required").max(TEMPLATE_BODY_MAX, "tooLong"),
};

export const createEmailTemplateSchema = z.object({ moduleId: id, ...templateParts });
export type CreateEmailTemplateInput = z.output<typeof createEmailTemplateSchema>;

export const updateEmailTemplateSchema = z.object({
  templateId: id,
  /** The version the admin edited: a save over someone else's newer one is refused. */
  version: z.coerce.number().int().positive(),
  ...templateParts,
});
export type UpdateEmailTemplateInput = z.output<typeof updateEmailTemplateSchema>;

export const templateIdSchema = z.object({ templateId: id });
export type TemplateIdInput = z.output<typeof templateIdSchema>;

export const previewTemplateSchema = z.object({
  moduleId: id,
  datasheetId: id,
  subject: templateParts.subject,
  body: templateParts.body,
});
export type PreviewTemplateInput = z.output<typeof previewTemplateSchema>;
