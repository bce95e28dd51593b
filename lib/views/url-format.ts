import type { FieldFilter, ListFilter } from "./filter";
import { defaultSort, normalizeFilter } from "./normalize";
import type { ListUrlState } from "./url";

/** Writing the list's URL (see url.ts for the format and the parsing): free of zod, for the browser. */

function formatFieldFilter(filter: FieldFilter): string {
  switch (filter.op) {
    case "in":
      return `in:${filter.options.join(",")}`;
    case "range":
      return `range:${filter.min ?? ""}..${filter.max ?? ""}`;
    case "between":
      return `between:${filter.from ?? ""}..${filter.to ?? ""}`;
    case "empty":
      return "empty:";
    case "users":
      return `users:${filter.users.join(",")}`;
    case "checked":
      return `checked:${filter.value ? "yes" : "no"}`;
    case "contains":
      return `has:${filter.text}`;
  }
}

/** The URL search params of a state; the default sort and empty parts are left out. */
export function listUrlParams(state: Partial<ListUrlState> & { filter: ListFilter }): URLSearchParams {
  const params = new URLSearchParams();
  const filter = normalizeFilter(state.filter);
  if (state.viewId) params.set("view", state.viewId);
  if (filter.q) params.set("q", filter.q);
  if (filter.statuses) params.set("status", filter.statuses.join(","));
  if (filter.groups) params.set("group", filter.groups.join(","));
  if (filter.responsible) params.set("resp", filter.responsible.join(","));
  if (filter.importId) params.set("import", filter.importId);
  for (const [key, f] of Object.entries(filter.fields ?? {})) params.set(`f.${key}`, formatFieldFilter(f));
  if (state.sort && (state.sort.by !== defaultSort.by || state.sort.dir !== defaultSort.dir)) {
    params.set("sort", state.sort.by);
    params.set("dir", state.sort.dir);
  }
  if (state.cursor) params.set("after", state.cursor);
  return params;
}
