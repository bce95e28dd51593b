import { z } from "zod";

/*
 * Scheduled newsletters: the inputs, shared by the form's pre-check in the browser, the actions and
 * the services (zod only: the browser loads this file).
 */

export const newsletterAudiences = ["status", "status_group", "view"] as const;

const id = z.string("required").trim().min(1, "required");

export const scheduleNewsletterSchema = z.object({
  templateId: id,
  audience: z.enum(newsletterAudiences, "required"),
  audienceId: id,
  /** An ISO time with its offset (the form turns the local time it shows into one). */
  scheduledAt: z.iso.datetime({ offset: true, error: "datetimeInvalid" }),
});
export type ScheduleNewsletterInput = z.output<typeof scheduleNewsletterSchema>;

export const newsletterIdSchema = z.object({ newsletterId: id });
