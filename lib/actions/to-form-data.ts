/*
 * Values of an action run from a click, as FormData for the action: the counterpart of
 * lib/actions/form-data.ts, which reads them back. A module of its own, so pages that only run
 * actions from clicks do not load the schema-aware reader.
 */

/** The other way, for actions run from a click: nested values become dotted names, arrays `name[]` of scalars or indexed objects. */
export function inputToFormData(values: Record<string, unknown>): FormData {
  const formData = new FormData();
  const add = (name: string, value: unknown): void => {
    if (value === undefined || value === null || value === false) return;
    if (value === true) formData.append(name, "true");
    else if (value instanceof Blob) formData.append(name, value);
    else if (Array.isArray(value)) {
      if (value.every((v) => v === null || typeof v !== "object")) {
        formData.append(`${name}[]`, "");
        for (const v of value) if (v !== null && v !== undefined) formData.append(`${name}[]`, String(v));
      } else value.forEach((v, i) => add(`${name}.${i}`, v));
    } else if (typeof value === "object") {
      for (const [k, v] of Object.entries(value)) add(`${name}.${k}`, v);
    } else formData.append(name, String(value));
  };
  for (const [key, value] of Object.entries(values)) add(key, value);
  return formData;
}
