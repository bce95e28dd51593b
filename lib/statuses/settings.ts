import { z } from "zod";
import { defaultRuleSettings, type RuleSettings } from "./derive";

/** A module's rule settings as an admin edits them and the module stores them (`modules.rule_settings`). */
export const ruleSettingsSchema = z.object({
  forgottenDays: z.number("required").int("required").min(1, "numberTooSmall").max(3650, "numberTooLarge"),
  inactiveDays: z.number("required").int("required").min(1, "numberTooSmall").max(3650, "numberTooLarge"),
  seriousProspectDoneTodos: z.number("required").int("required").min(1, "numberTooSmall").max(100, "numberTooLarge"),
  regularMonths: z.number("required").int("required").min(1, "numberTooSmall").max(24, "numberTooLarge"),
  regularWindowMonths: z.number("required").int("required").min(1, "numberTooSmall").max(60, "numberTooLarge"),
  paidInvoiceClosesWon: z.boolean(),
});

/** The stored settings, each missing or broken one at its default: the rule always has a whole set. */
export function ruleSettingsOf(stored: Record<string, unknown> | null | undefined): RuleSettings {
  const merged = { ...defaultRuleSettings, ...(stored ?? {}) };
  const parsed = ruleSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaultRuleSettings;
}
