import { z } from "zod";
import { formVersion } from "@/lib/forms/schema-parts";
import { parseFieldValue, type FieldDefinition } from "@/lib/fields/values";

// Company data and contact persons, shared by the company form, New client, the API and import.
// Optional values may be absent, null or empty: all mean "none" (null). Messages are catalog keys
// under `validation.`.

/** Optional text: trimmed; absent, null or empty → null. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, "tooLong")
    .nullish()
    .transform((v) => (v ? v : null));
}

/** Optional value checked like a custom field of `type` (lib/fields/values.ts), so email, phone and web address rules are one. */
function optionalTyped(type: FieldDefinition["type"]) {
  return z
    .string()
    .nullish()
    .transform((v, ctx) => {
      const parsed = parseFieldValue({ type, isRequired: false }, v ?? "");
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return (parsed.value as string | null) ?? null;
    });
}

export const optionalEmail = optionalTyped("email");
export const optionalPhone = optionalTyped("phone");
export const optionalUrl = optionalTyped("url");

export const businessName = z.string("required").trim().min(1, "required").max(200, "tooLong");
export const businessKind = z.enum(["company", "person"], "required").optional().default("company");

export const companyFields = {
  kind: businessKind,
  name: businessName,
  taxNumber: optionalText(50),
  email: optionalEmail,
  phone: optionalPhone,
  website: optionalUrl,
  country: optionalText(100),
  postalCode: optionalText(20),
  city: optionalText(100),
  street: optionalText(200),
  notes: z
    .string()
    .trim()
    .max(5000, "tooLong")
    .nullish()
    .transform((v) => v ?? ""),
  /** Consented to the newsletter; absent: unchanged. The time of consent is kept by the service. */
  newsletterConsent: z.boolean("required").optional(),
};

/** What New client, the API and import take of a business: the company data a first contact has. */
export const newBusinessSchema = z.object({
  kind: businessKind,
  name: businessName,
  email: optionalEmail,
  phone: optionalPhone,
  taxNumber: optionalText(50),
});
export type NewBusinessInput = z.output<typeof newBusinessSchema>;

/** The company form on the datasheet page; `version` is the business version the form was opened on. */
export const updateBusinessSchema = z.object({
  datasheetId: z.string().trim().max(100),
  version: formVersion,
  ...companyFields,
});
export type UpdateBusinessInput = z.infer<typeof updateBusinessSchema>;
export type CompanyData = Omit<UpdateBusinessInput, "datasheetId" | "version">;

/**
 * The stored time of a newsletter consent after a form said yes or no: a yes keeps the first
 * consent's time (or starts it now), a no withdraws it, nothing said changes nothing.
 */
export function consentAt(said: boolean | undefined, stored: Date | null, now: Date): Date | null {
  if (said === undefined) return stored;
  return said ? (stored ?? now) : null;
}

export const contactFields = {
  name: z.string("required").trim().min(1, "required").max(200, "tooLong"),
  position: optionalText(100),
  email: optionalEmail,
  phone: optionalPhone,
  /** Consented to the newsletter; absent: unchanged. */
  newsletterConsent: z.boolean("required").optional(),
};
export const contactSchema = z.object(contactFields);
export type ContactInput = z.infer<typeof contactSchema>;

export const addContactSchema = z.object({ datasheetId: z.string().trim().max(100), ...contactFields });
export const updateContactSchema = z.object({ datasheetId: z.string().trim().max(100), contactId: z.string().trim().max(100), ...contactFields });
export const removeContactSchema = z.object({ datasheetId: z.string().trim().max(100), contactId: z.string().trim().max(100) });
