import { z } from "zod";
import { formId, optionalInstant } from "@/lib/forms/schema-parts";
import { ruleSettingsSchema } from "./settings";

/** Settings → Status checks: which module, and the moment to check at (absent: now). */
export const statusChecksSchema = z.object({ moduleId: formId, asOf: optionalInstant });
export type StatusChecksInput = z.output<typeof statusChecksSchema>;

/** The rule settings of a module, as the form sends them. */
export const ruleSettingsFormSchema = ruleSettingsSchema.extend({ moduleId: formId });
export type RuleSettingsFormInput = z.output<typeof ruleSettingsFormSchema>;
