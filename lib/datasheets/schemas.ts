import { z } from "zod";
import { contactSchema, newBusinessSchema } from "@/lib/businesses/schemas";
import { formId, formVersion, optionalFormId } from "@/lib/forms/schema-parts";

// Inputs of New client and the datasheet page's own actions, as JSON: the same schemas validate
// a form (through lib/actions/form-data.ts), a REST body and an import row.

const id = formId;
const version = formVersion;

/** The most contact persons one new client brings. */
export const maxNewContacts = 50;

/** Contact rows; a row a form left entirely blank is not a contact. */
const newContacts = z.preprocess(
  (value) =>
    Array.isArray(value)
      ? value.filter((row) => !(row && typeof row === "object" && Object.values(row).every((v) => v === null || v === undefined || String(v).trim() === "")))
      : value,
  z.array(contactSchema).max(maxNewContacts, "tooMany").default([]),
);

/**
 * A custom field's value per field key, checked per type by the service against the module's
 * fields (lib/fields/values.ts): text, a number, a boolean, an array of option keys, or
 * `{ amount, currency }` for money. Null or "" clears.
 */
export const fieldValuesSchema = z.record(z.string().max(100), z.unknown());

/**
 * New client: a business, its contact persons and its first datasheet, in a module, a status
 * (manual modules; absent: the first) and with a responsible user (absent: nobody).
 */
export const newClientSchema = z.object({
  business: newBusinessSchema,
  contacts: newContacts,
  moduleId: z.string("required").trim().min(1, "required").max(100),
  statusId: optionalFormId,
  responsibleUserId: optionalFormId,
  fields: fieldValuesSchema.optional(),
});
export type NewClientInput = z.output<typeof newClientSchema>;

/** "Add this business to another module": a new datasheet of the same business. */
export const addToModuleSchema = z.object({
  datasheetId: id,
  moduleId: z.string("required").trim().min(1, "required").max(100),
  statusId: optionalFormId,
  responsibleUserId: optionalFormId,
});
export type AddToModuleInput = z.output<typeof addToModuleSchema>;

/** Inline field edits: the changed fields' values (see fieldValuesSchema), on the version the user saw. */
export const updateFieldsSchema = z.object({ datasheetId: id, version, fields: fieldValuesSchema.default({}) });
export type UpdateFieldsInput = z.output<typeof updateFieldsSchema>;

export const trashDatasheetSchema = z.object({ datasheetId: id, version });
export type TrashDatasheetInput = z.output<typeof trashDatasheetSchema>;

/** Restore and Delete forever name a datasheet in the trash (which has no version a user could see change). */
export const trashedDatasheetSchema = z.object({ datasheetId: id });
export type TrashedDatasheetInput = z.output<typeof trashedDatasheetSchema>;
