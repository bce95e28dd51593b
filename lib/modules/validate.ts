import { ValidationError } from "@/lib/errors";
import { normalizeColor } from "./colors";

// The actions validate with the zod schemas first; these keep the services safe when they are
// called from elsewhere (the API, imports, tests) with a name or colour the schema would refuse.

export function cleanName(value: string, field: "name" | "label"): string {
  const name = value.trim();
  if (!name) throw new ValidationError({ [field]: "required" });
  if (name.length > 100) throw new ValidationError({ [field]: "tooLong" });
  return name;
}

export function cleanColor(value: string): string {
  const color = normalizeColor(value);
  if (!color) throw new ValidationError({ color: "colorInvalid" });
  return color;
}
