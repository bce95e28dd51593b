import { z } from "zod";
import { formId } from "@/lib/forms/schema-parts";
import { fieldTypes } from "@/lib/fields/types";
import { isCurrency } from "@/lib/fields/values";
import { normalizeColor } from "./colors";
import { moduleKinds } from "./templates";

// Inputs of the module settings actions, shared with the forms. They arrive as FormData, so
// every value is a string. Ids are only trimmed here: the services answer "not found" for
// anything that is not an id of the workspace. Messages are catalog keys under `validation.`.
const id = formId;
/** Absent or empty: none. */
const optionalId = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => (v ? v : undefined));
const flag = z
  .enum(["true", "false", "on", ""])
  .optional()
  .transform((v) => v === "true" || v === "on");
const name = z.string().trim().min(1, "required").max(100, "tooLong");
const label = z.string().trim().min(1, "required").max(100, "tooLong");
const helpText = z.string().trim().max(500, "tooLong").optional().default("");
const color = z
  .string()
  .trim()
  .refine((v) => normalizeColor(v) !== null, "colorInvalid")
  .transform((v) => normalizeColor(v)!);
const currency = z
  .string()
  .trim()
  .toUpperCase()
  .optional()
  .refine((v) => !v || isCurrency(v), "currencyInvalid")
  .transform((v) => (v ? v : undefined));
/** The new neighbours after a drop: the item above (`afterId`) and the one below (`beforeId`). */
const placement = { afterId: optionalId, beforeId: optionalId };

export const createModuleSchema = z.object({
  kind: z.enum(moduleKinds, "required"),
  /** Empty: the kind's name in the workspace language. */
  name: z.string().trim().max(100, "tooLong").optional().default(""),
});
export type CreateModuleInput = z.infer<typeof createModuleSchema>;

export const renameModuleSchema = z.object({ moduleId: id, name });
export const moveModuleSchema = z.object({ moduleId: id, ...placement });
export const moduleIdSchema = z.object({ moduleId: id });

export const createGroupSchema = z.object({ moduleId: id, name, ...placement });
export const renameGroupSchema = z.object({ groupId: id, name });
export const moveGroupSchema = z.object({ groupId: id, ...placement });
export const groupIdSchema = z.object({ groupId: id });

export const createStatusSchema = z.object({ groupId: id, name, color, ...placement });
export const renameStatusSchema = z.object({ statusId: id, name });
export const recolorStatusSchema = z.object({ statusId: id, color });
/** Within its group or into another one (`groupId`). */
export const moveStatusSchema = z.object({ statusId: id, groupId: id, ...placement });
/** `moveToStatusId` is required when the status still has datasheets. */
export const removeStatusSchema = z.object({ statusId: id, moveToStatusId: optionalId });

export const createFieldSchema = z.object({
  moduleId: id,
  label,
  type: z.enum(fieldTypes, "required"),
  helpText,
  isRequired: flag,
  /** Money fields only; the workspace's default currency when empty. */
  defaultCurrency: currency,
  ...placement,
});
export type CreateFieldInput = z.infer<typeof createFieldSchema>;

/** The type and the key never change. */
export const updateFieldSchema = z.object({ fieldId: id, label, helpText, isRequired: flag, defaultCurrency: currency });
export type UpdateFieldInput = z.infer<typeof updateFieldSchema>;
export const moveFieldSchema = z.object({ fieldId: id, ...placement });
export const fieldIdSchema = z.object({ fieldId: id });
/** Removing a field deletes its values: `confirm` must be set when datasheets hold one. */
export const removeFieldSchema = z.object({ fieldId: id, confirm: flag });

export const addOptionSchema = z.object({ fieldId: id, label, ...placement });
export const renameOptionSchema = z.object({ optionId: id, label });
export const moveOptionSchema = z.object({ optionId: id, ...placement });
/** What happens to datasheets holding the option: another option takes its place, or it is cleared. */
export const removeOptionSchema = z
  .object({ optionId: id, replaceWithOptionId: optionalId, clear: flag })
  .refine((v) => !(v.replaceWithOptionId && v.clear), { message: "replaceOrClear", path: ["replaceWithOptionId"] });
