import { z } from "zod";
import { formId, formVersion, optionalFormId } from "@/lib/forms/schema-parts";
import { businessKind, businessName, contactSchema, optionalEmail, optionalPhone, optionalText, type ContactInput } from "@/lib/businesses/schemas";

// Inputs of New client and the datasheet page's own actions, shared by the forms and the server.
// FormData is flat: contact persons arrive as `contacts.0.name`, `contacts.0.email`, … and their
// errors go back under the same names, so each shows next to its input.

const id = formId;
/** Absent or empty: none (nobody responsible, the module's first status). */
const optionalId = optionalFormId;
const version = formVersion;

const CONTACT_KEY = /^contacts\.(\d{1,2})\.(name|position|email|phone)$/;

/** The contact rows of a flat form, in row order; a row left entirely blank is not a contact. */
function contactRows(values: Record<string, unknown>): { index: number; raw: Record<string, string> }[] {
  const rows = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(values)) {
    const m = CONTACT_KEY.exec(key);
    if (!m || typeof value !== "string") continue;
    const row = rows.get(Number(m[1])) ?? {};
    row[m[2]!] = value;
    rows.set(Number(m[1]), row);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, raw]) => ({ index, raw }))
    .filter(({ raw }) => Object.values(raw).some((v) => v.trim() !== ""));
}

export const newClientSchema = z
  .object({
    kind: businessKind,
    name: businessName,
    email: optionalEmail,
    phone: optionalPhone,
    taxNumber: optionalText(50),
    moduleId: z.string().trim().min(1, "required").max(100),
    statusId: optionalId,
    responsibleUserId: optionalId,
  })
  .catchall(z.unknown())
  .transform((values, ctx) => {
    const people: ContactInput[] = [];
    for (const { index, raw } of contactRows(values)) {
      const parsed = contactSchema.safeParse(raw);
      if (parsed.success) people.push(parsed.data);
      else for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [`contacts.${index}.${String(issue.path[0])}`] });
    }
    const { kind, name, email, phone, taxNumber, moduleId, statusId, responsibleUserId } = values;
    return { business: { kind, name, email, phone, taxNumber }, contacts: people, moduleId, statusId, responsibleUserId };
  });
export type NewClientInput = z.output<typeof newClientSchema>;

/** "Add this business to another module": a new datasheet of the same business. */
export const addToModuleSchema = z.object({ datasheetId: id, moduleId: z.string().trim().min(1, "required").max(100), statusId: optionalId, responsibleUserId: optionalId });
export type AddToModuleInput = z.output<typeof addToModuleSchema>;

/**
 * Inline field edits: `fields.<key>` per field, a multi select as a JSON array of option keys, a
 * money field's currency as `fields.<key>.currency`.
 * The values are checked per type by the service (lib/fields/values.ts), against the module's fields.
 */
export const updateFieldsSchema = z
  .object({ datasheetId: id, version })
  .catchall(z.unknown())
  .transform(({ datasheetId, version, ...rest }) => {
    const values: Record<string, unknown> = {};
    const currencies: Record<string, string> = {};
    for (const [key, value] of Object.entries(rest)) {
      if (!key.startsWith("fields.") || typeof value !== "string") continue;
      const name = key.slice("fields.".length);
      // A money field sends its amount as `fields.<key>` and its code as `fields.<key>.currency`.
      if (name.endsWith(".currency")) currencies[name.slice(0, -".currency".length)] = value;
      else values[name] = value.startsWith("[") ? safeJson(value) : value;
    }
    for (const [name, currency] of Object.entries(currencies)) {
      if (name in values) values[name] = { amount: values[name], currency };
    }
    return { datasheetId, version, values };
  });
export type UpdateFieldsInput = z.output<typeof updateFieldsSchema>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const trashDatasheetSchema = z.object({ datasheetId: id, version });

export { optionalId, version as versionSchema };
