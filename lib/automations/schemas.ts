import { z } from "zod";
import { formId, formVersion, optionalFormId } from "@/lib/forms/schema-parts";

/*
 * An automation as the builder sends it (JSON-shaped): its trigger and its whole ordered step list.
 * A step may be saved incomplete (a draft); activation checks it (lib/automations/rules.ts).
 */

export const stepKinds = ["email_client", "email_user", "todo_user"] as const;
export type StepKind = (typeof stepKinds)[number];

export const recipientKinds = ["responsible", "user", "role"] as const;
export const assigneeKinds = ["responsible", "user"] as const;
export const roleKeys = ["admin", "manager", "normal", "restricted"] as const;

/** Up to a year, in minutes. */
export const MAX_DELAY_MINUTES = 365 * 24 * 60;
export const MAX_STEPS = 20;

/**
 * A number inside a step: the form adapter reads a union's members as text, so a step's numbers are
 * taken from text here (empty: absent).
 */
const stepNumber = (schema: z.ZodNumber) =>
  z.preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v), schema.optional()).transform((v) => v ?? 0);

const delayMinutes = stepNumber(z.number().int("numberInvalid").min(0, "numberInvalid").max(MAX_DELAY_MINUTES, "tooLong"));
/** A step's id is kept across edits: the runs of a step are keyed by it. New steps come without one. */
const stepId = optionalFormId;

export const emailClientStepSchema = z.object({ id: stepId, kind: z.literal("email_client"), delayMinutes, templateId: optionalFormId });

export const emailUserStepSchema = z.object({
  id: stepId,
  kind: z.literal("email_user"),
  delayMinutes,
  templateId: optionalFormId,
  recipient: z.enum(recipientKinds).default("responsible"),
  userId: optionalFormId,
  role: z
    .enum(roleKeys)
    .nullish()
    .transform((v) => v ?? null),
});

export const todoUserStepSchema = z.object({
  id: stepId,
  kind: z.literal("todo_user"),
  delayMinutes,
  text: z.string().trim().max(2000, "tooLong").default(""),
  recipient: z.enum(assigneeKinds).default("responsible"),
  userId: optionalFormId,
  dueDays: stepNumber(z.number().int("numberInvalid").min(0, "numberInvalid").max(365, "tooLong")),
});

export const stepSchema = z.discriminatedUnion("kind", [emailClientStepSchema, emailUserStepSchema, todoUserStepSchema]);
export type StepInput = z.output<typeof stepSchema>;

export const triggerKinds = ["status_entered", "view_matched"] as const;

export const automationFields = {
  name: z.string("required").trim().min(1, "required").max(120, "tooLong"),
  trigger: z.enum(triggerKinds).default("status_entered"),
  statusId: optionalFormId,
  viewId: optionalFormId,
  /** The daily check of a view trigger, in minutes after local midnight. */
  scheduleMinute: z.number().int("numberInvalid").min(0, "numberInvalid").max(1439, "numberInvalid").default(540),
  repeatDays: z
    .number()
    .int("numberInvalid")
    .min(1, "numberInvalid")
    .max(365, "tooLong")
    .nullish()
    .transform((v) => v ?? null),
  steps: z.array(stepSchema).max(MAX_STEPS, "tooLong").default([]),
};

export const createAutomationSchema = z.object({ moduleId: formId, ...automationFields });
export type CreateAutomationInput = z.output<typeof createAutomationSchema>;

export const updateAutomationSchema = z.object({ automationId: formId, version: formVersion, ...automationFields });
export type UpdateAutomationInput = z.output<typeof updateAutomationSchema>;

export const automationIdSchema = z.object({ automationId: formId });
