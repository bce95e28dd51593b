import { z } from "zod";
import { isCurrency } from "@/lib/fields/values";
import { isTimeZone } from "@/lib/time/zoned";

// Messages are catalog keys under `validation.`; the form translates them.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "tooLong")
    .nullish()
    .transform((v) => v || null);

/**
 * The IANA name of a zone as the runtime spells it ("europe/budapest" → "Europe/Budapest", an old
 * alias → its zone), or null for what is not a place's zone: fixed offsets ("GMT+1", "Etc/GMT-2")
 * are not (they ignore daylight saving), UTC is.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!isTimeZone(name)) return null;
  const zone = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  return zone === "UTC" || (zone.includes("/") && !zone.startsWith("Etc/")) ? zone : null;
}

/** Settings → Workspace (admins). JSON-shaped: the form reaches it through the FormData adapter. */
export const updateWorkspaceSettingsSchema = z.object({
  name: z.string().trim().min(1, "required").max(200, "tooLong"),
  locale: z.enum(["en", "hu"], "required"),
  /** An IANA zone this runtime knows ("Europe/Budapest", "Pacific/Auckland"). */
  timeZone: z
    .string()
    .trim()
    .min(1, "required")
    .max(100, "tooLong")
    .transform((v, ctx) => {
      const zone = canonicalTimeZone(v);
      if (!zone) ctx.addIssue({ code: "custom", message: "timeZoneInvalid" });
      return zone ?? v;
    }),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => /^[A-Z]{3}$/.test(v) && isCurrency(v), "currencyInvalid"),
  /** Shown as the sender's name of outgoing email; null: EMAIL_FROM's own. */
  emailSenderName: optionalText(100).refine((v) => v === null || !/[<>"\r\n]/.test(v), "senderNameInvalid"),
  emailReplyTo: z
    .string()
    .trim()
    .max(320, "tooLong")
    .toLowerCase()
    .nullish()
    .transform((v) => v || null)
    .refine((v) => v === null || z.email().safeParse(v).success, "emailInvalid"),
  trashRetentionDays: z.coerce.number("numberInvalid").int("wholeDaysInvalid").min(1, "retentionRange").max(3650, "retentionRange"),
});
export type UpdateWorkspaceSettingsInput = z.infer<typeof updateWorkspaceSettingsSchema>;
