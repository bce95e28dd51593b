import { z } from "zod";
import { companyFields, contactSchema } from "@/lib/businesses/schemas";
import type { FieldSettings, FieldType } from "@/db/schema/fields";
import { parseFieldValue, type FieldValue } from "@/lib/fields/values";
import { cellToFieldInput, type CellContext } from "./cells";
import type { ColumnTarget, DuplicateKey } from "./targets";

/*
 * One spreadsheet row checked against the mapping: the company, its contact person, the
 * responsible user and the module's field values, each cell read the way cells.ts reads it and
 * checked by the same schemas and field parser New client and the API use. Every problem names
 * its column and a reason (a `validation.*` catalog key), so the report can list them all.
 */

export interface ImportField {
  key: string;
  type: FieldType;
  options: readonly { key: string; label: string }[];
  settings?: FieldSettings | null;
}

export interface RowProblem {
  /** The column (0-based) the problem is in; null when the row as a whole lacks something. */
  column: number | null;
  reason: string;
}

export interface ClientData {
  business: z.output<typeof importBusinessSchema>;
  contacts: z.output<typeof contactSchema>[];
  fields: Record<string, FieldValue>;
  /** Undefined: the import's default responsible user. */
  responsibleUserId?: string;
}

export type CheckedRow = { ok: true; data: ClientData } | { ok: false; problems: RowProblem[] };

const { newsletterConsent: _consent, ...companyParts } = companyFields;
export const importBusinessSchema = z.object(companyParts);

export interface RowContext extends CellContext {
  fields: ReadonlyMap<string, ImportField>;
}

function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => !c || !c.trim());
}

export { isBlankRow };

export function checkRow(cells: readonly string[], mapping: readonly ColumnTarget[], context: RowContext): CheckedRow {
  const problems: RowProblem[] = [];
  const business: Record<string, string> = {};
  const contact: Record<string, string> = {};
  const columnOf = new Map<string, number>();
  const fields: Record<string, FieldValue> = {};
  let responsibleUserId: string | undefined;

  mapping.forEach((target, column) => {
    if (!target) return;
    const text = (cells[column] ?? "").trim();
    columnOf.set(target, column);
    if (target.startsWith("business.")) business[target.slice(9)] = text;
    else if (target.startsWith("contact.")) contact[target.slice(8)] = text;
    else if (target === "responsible") {
      if (!text) return;
      const id = context.users?.get(text.toLocaleLowerCase("hu"));
      if (id) responsibleUserId = id;
      else problems.push({ column, reason: "userInvalid" });
    } else if (target.startsWith("field.")) {
      const field = context.fields.get(target.slice(6));
      if (!field) return;
      const parsed = parseFieldValue(
        { type: field.type, isRequired: false, options: field.options, settings: field.settings },
        cellToFieldInput(field.type, text, { ...context, options: field.options }),
      );
      if (!parsed.ok) problems.push({ column, reason: parsed.error });
      else if (parsed.value !== null) fields[field.key] = parsed.value;
    }
  });

  const hasContact = Object.values(contact).some(Boolean);
  // A row with a person and no company is a private client named after the person.
  if (!business.name && contact.name) Object.assign(business, { name: contact.name, kind: "person" });
  const checkedBusiness = importBusinessSchema.safeParse(business);
  if (!checkedBusiness.success) {
    for (const issue of checkedBusiness.error.issues) {
      const key = String(issue.path[0] ?? "name");
      problems.push({
        column: columnOf.get(`business.${key}`) ?? null,
        reason: issue.message === "required" && key === "name" ? "nameMissing" : issue.message,
      });
    }
  }
  let contacts: ClientData["contacts"] = [];
  if (hasContact) {
    const checkedContact = contactSchema.safeParse({ ...contact, name: contact.name || contact.email || contact.phone });
    if (checkedContact.success) contacts = [checkedContact.data];
    else
      for (const issue of checkedContact.error.issues)
        problems.push({ column: columnOf.get(`contact.${String(issue.path[0])}`) ?? null, reason: issue.message });
  }
  if (problems.length || !checkedBusiness.success) return { ok: false, problems };
  return { ok: true, data: { business: checkedBusiness.data, contacts, fields, ...(responsibleUserId ? { responsibleUserId } : {}) } };
}

/** The value a row is matched on (lower-cased email, tax number without separators, folded name), or null. */
export function duplicateKeyOf(data: ClientData, key: DuplicateKey): string | null {
  switch (key) {
    case "email":
      return (data.business.email ?? data.contacts[0]?.email ?? null)?.toLowerCase() ?? null;
    case "taxNumber":
      return data.business.taxNumber ? normalizeTaxNumber(data.business.taxNumber) : null;
    case "name":
      return foldName(data.business.name);
  }
}

export function normalizeTaxNumber(text: string): string {
  return text.replace(/[\s-]/g, "").toUpperCase();
}

export function foldName(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLocaleLowerCase("hu");
}
