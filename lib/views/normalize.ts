import type { FieldFilter, ListFilter, ListSort } from "./filter";

/*
 * The parts of the filter format that the browser needs too (the list's links), kept apart from
 * its zod schemas so that no page loads zod just to build a URL.
 */

export const defaultSort: ListSort = { by: "created", dir: "desc" };

/** Drops empty parts, so that equal filters compare equal and URLs stay short. */
export function normalizeFilter(filter: ListFilter): ListFilter {
  const out: ListFilter = {};
  if (filter.q) out.q = filter.q;
  if (filter.statuses?.length) out.statuses = [...new Set(filter.statuses)];
  if (filter.groups?.length) out.groups = [...new Set(filter.groups)];
  if (filter.responsible?.length) out.responsible = [...new Set(filter.responsible)];
  const fields = Object.entries(filter.fields ?? {}).filter(([, f]) => !isEmptyFieldFilter(f));
  if (filter.importId) out.importId = filter.importId;
  if (fields.length) out.fields = Object.fromEntries(fields.sort(([a], [b]) => (a < b ? -1 : 1)));
  return out;
}

function isEmptyFieldFilter(filter: FieldFilter): boolean {
  switch (filter.op) {
    case "range":
      return filter.min === undefined && filter.max === undefined;
    case "between":
      return filter.from === undefined && filter.to === undefined;
    default:
      return false;
  }
}

export function isFilterEmpty(filter: ListFilter): boolean {
  return Object.keys(normalizeFilter(filter)).length === 0;
}
