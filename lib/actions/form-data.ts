import type { z } from "zod";

/*
 * The one adapter between an HTML form and the JSON-shaped schemas of lib/: the schemas describe
 * data as the REST API and an import row carry it (objects, arrays, numbers, booleans), and a form
 * is turned into that shape here, in the browser (to validate before sending) and in the action
 * wrapper alike.
 *
 * Names nest with dots: `business.name`, `contacts.0.email` (a number is an array index),
 * `fields.deal_value.amount`. A name ending in `[]` is always an array of its values
 * (`fields.tags[]`, checkboxes), empty values left out, so a hidden empty `tags[]` sends "none".
 * Strings become numbers or booleans where the schema expects one; the schema still validates
 * everything (a number that is not one stays a string and gets the schema's error).
 */

type Json = string | number | boolean | null | undefined | File | Json[] | { [key: string]: Json };

interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType | undefined): ZodDef | undefined {
  return (schema as unknown as { _zod?: { def: ZodDef } } | undefined)?._zod?.def;
}

/** The schema under optional/nullable/default/pipe wrappers: what the value itself must be. */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    if (!def) return current;
    if (def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else if (def.type === "lazy" && def.getter) current = def.getter();
    else return current;
  }
  return current;
}

function childSchema(schema: z.ZodType | undefined, key: string): z.ZodType | undefined {
  const def = defOf(unwrap(schema));
  if (!def) return undefined;
  if (def.type === "object") return def.shape?.[key];
  if (def.type === "array") return def.element;
  if (def.type === "record") return def.valueType;
  return undefined;
}

function coerce(value: Json, schema: z.ZodType | undefined): Json {
  const def = defOf(unwrap(schema));
  if (!def) return value;
  if (Array.isArray(value)) return value.map((v) => coerce(v, def.type === "array" ? def.element : undefined));
  if (value && typeof value === "object" && !(value instanceof File)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, coerce(v, childSchema(schema, k))]));
  }
  if (typeof value !== "string") return value;
  switch (def.type) {
    case "number": {
      if (value.trim() === "") return undefined;
      const n = Number(value.trim());
      return Number.isFinite(n) ? n : value;
    }
    case "boolean":
      if (value === "true" || value === "on" || value === "1") return true;
      if (value === "false" || value === "0" || value === "") return false;
      return value;
    case "array":
      return value === "" ? [] : [coerce(value, def.element)];
    default:
      return value;
  }
}

function place(target: Record<string, Json>, path: string[], value: Json): void {
  let node: Record<string, Json> | Json[] = target;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const isLast = i === path.length - 1;
    const container = node as Record<string, Json>;
    if (isLast) {
      container[key] = value;
      return;
    }
    const nextIsIndex = /^\d+$/.test(path[i + 1]!);
    const existing = container[key];
    if (existing === undefined || typeof existing !== "object" || existing === null || existing instanceof File) {
      container[key] = nextIsIndex ? [] : {};
    }
    node = container[key] as Record<string, Json> | Json[];
  }
}

/** The FormData of a form as the object its schema describes (React's `$ACTION_*` keys left out). */
/**
 * What an action declared as taking a form really got. Anyone can post an action with any JSON
 * arguments (`["x"]` where a form is expected): such a call is an empty form, which the schema then
 * refuses as invalid input, instead of a crash (a 500) inside the action.
 */
export function asFormData(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

export function formDataToInput(formData: FormData, schema?: z.ZodType): Record<string, unknown> {
  const raw: Record<string, Json> = {};
  const arrays = new Map<string, Json[]>();
  for (const [name, value] of asFormData(formData).entries()) {
    if (name.startsWith("$ACTION")) continue;
    if (name.endsWith("[]")) {
      const key = name.slice(0, -2);
      const list = arrays.get(key) ?? [];
      if (value !== "") list.push(value);
      arrays.set(key, list);
    } else {
      place(raw, name.split("."), value);
    }
  }
  for (const [key, list] of arrays) place(raw, key.split("."), list);
  // Arrays filled by index (`contacts.0.name`, `contacts.2.name`) keep no holes.
  const compact = (value: Json): Json => {
    if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
    if (value && typeof value === "object" && !(value instanceof File)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
    }
    return value;
  };
  return coerce(compact(raw), schema) as Record<string, unknown>;
}

/** A schema error's path as the form names its input: `business.name`, `contacts.0.email`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "_form";
}
