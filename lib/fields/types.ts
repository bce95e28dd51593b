import type { FieldType } from "@/db/schema/fields";

/**
 * The field types, in the order the "New field" menu shows them. A plain list (not the pgEnum) so
 * that forms can import it without the database layer; the check below keeps both in step.
 */
export const fieldTypes = [
  "text",
  "long_text",
  "number",
  "money",
  "date",
  "datetime",
  "single_select",
  "multi_select",
  "checkbox",
  "email",
  "phone",
  "url",
  "user",
] as const satisfies readonly FieldType[];

type Unlisted = Exclude<FieldType, (typeof fieldTypes)[number]>;
export const allFieldTypesListed: [Unlisted] extends [never] ? true : never = true;

export function isSelectType(type: FieldType): type is "single_select" | "multi_select" {
  return type === "single_select" || type === "multi_select";
}
