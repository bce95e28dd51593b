import {
  defaultSort,
  fieldFilterSchema,
  listFilterSchema,
  listSortSchema,
  normalizeFilter,
  type FieldFilter,
  type ListFilter,
  type ListSort,
} from "./filter";

/*
 * The list's state as URL search params, so a view can be bookmarked and shared:
 *   q=text  status=a,b  group=a  resp=me,none,<user id>  sort=lastContact  dir=asc
 *   f.<field>=in:a,b | range:10..50 | between:2026-01-01..2026-02-01 | checked:yes | has:text
 *            | users:<user id>,… | empty:
 *   import=<import id>  after=<cursor>  view=<view id>
 * Anything malformed is dropped rather than refused: an old or hand-edited URL still opens a list.
 */

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export interface ListUrlState {
  filter: ListFilter;
  sort: ListSort;
  cursor: string | null;
  viewId: string | null;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function list(value: string | undefined): string[] | undefined {
  const items = value?.split(",").map((s) => s.trim()).filter(Boolean);
  return items?.length ? items : undefined;
}

function parseFieldFilter(raw: string): FieldFilter | null {
  const colon = raw.indexOf(":");
  if (colon < 0) return null;
  const op = raw.slice(0, colon);
  const rest = raw.slice(colon + 1);
  const [lo, hi] = rest.split("..");
  const candidate =
    op === "in"
      ? { op, options: list(rest) }
      : op === "range"
        ? { op, min: lo || undefined, max: hi || undefined }
        : op === "between"
          ? { op, from: lo || undefined, to: hi || undefined }
          : op === "empty"
            ? { op }
            : op === "users"
            ? { op, users: list(rest) }
            : op === "checked"
            ? { op, value: rest === "yes" }
            : op === "has"
              ? { op: "contains", text: rest }
              : null;
  const parsed = fieldFilterSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

export function parseListFilter(params: SearchParamsRecord): ListFilter {
  const fields: Record<string, FieldFilter> = {};
  for (const [name, value] of Object.entries(params)) {
    if (!name.startsWith("f.")) continue;
    const parsed = parseFieldFilter(first(value) ?? "");
    if (parsed) fields[name.slice(2)] = parsed;
  }
  const candidate = {
    q: first(params.q)?.trim() || undefined,
    statuses: list(first(params.status)),
    groups: list(first(params.group)),
    responsible: list(first(params.resp)),
    fields,
    importId: first(params.import) || undefined,
  };
  const parsed = listFilterSchema.safeParse(candidate);
  if (parsed.success) return normalizeFilter(parsed.data);
  // Keep what is valid, part by part.
  const out: ListFilter = {};
  for (const part of ["q", "statuses", "groups", "responsible", "fields", "importId"] as const) {
    const one = listFilterSchema.safeParse({ [part]: candidate[part] });
    if (one.success) Object.assign(out, one.data);
  }
  return normalizeFilter(out);
}

export function parseListUrl(params: SearchParamsRecord): ListUrlState {
  const sort = listSortSchema.safeParse({ by: first(params.sort), dir: first(params.dir) ?? "asc" });
  const viewId = first(params.view);
  return {
    filter: parseListFilter(params),
    sort: sort.success ? sort.data : defaultSort,
    cursor: first(params.after) || null,
    viewId: viewId && /^[0-9a-f-]{36}$/i.test(viewId) ? viewId : null,
  };
}

export { listUrlParams } from "./url-format";
