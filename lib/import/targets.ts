/*
 * Where a column of an import goes: a company field, a contact person's field, the responsible
 * user, or a module field (`field.<key>`). "" ignores the column. Plain strings, so a mapping
 * travels in a form and in JSON as it is.
 */

export const businessTargets = [
  "business.name",
  "business.email",
  "business.phone",
  "business.taxNumber",
  "business.website",
  "business.country",
  "business.postalCode",
  "business.city",
  "business.street",
  "business.notes",
] as const;

export const contactTargets = ["contact.name", "contact.position", "contact.email", "contact.phone"] as const;

export type BusinessTarget = (typeof businessTargets)[number];
export type ContactTarget = (typeof contactTargets)[number];
export type ColumnTarget = "" | BusinessTarget | ContactTarget | "responsible" | `field.${string}`;

export const fixedTargets: readonly ColumnTarget[] = [...businessTargets, ...contactTargets, "responsible"];

export function isColumnTarget(value: string, fieldKeys: readonly string[]): value is ColumnTarget {
  if (value === "") return true;
  if (value.startsWith("field.")) return fieldKeys.includes(value.slice(6));
  return (fixedTargets as readonly string[]).includes(value);
}

/** What the import matches an existing client on. */
export const duplicateKeys = ["email", "taxNumber", "name"] as const;
export type DuplicateKey = (typeof duplicateKeys)[number];

/** What it does with a match: leave it, update it, or make a new client all the same. */
export const duplicateModes = ["skip", "update", "create"] as const;
export type DuplicateMode = (typeof duplicateModes)[number];

/** How an automatic sales module's new datasheet came (SPEC §3, Entry). */
export const entries = ["inquiry", "subscriber", "list"] as const;
