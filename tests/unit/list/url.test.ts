import { describe, expect, it } from "vitest";
import { defaultSort, isFilterEmpty, type ListFilter } from "@/lib/views/filter";
import { listUrlParams, parseListUrl } from "@/lib/views/url";

const toRecord = (params: URLSearchParams) => Object.fromEntries(params.entries());

describe("list URL state", () => {
  it("round-trips every part of a filter, the sort and the cursor", () => {
    const filter: ListFilter = {
      q: "Kovács",
      statuses: ["new_request", "in_progress"],
      groups: ["open"],
      responsible: ["me", "none"],
      fields: {
        segment: { op: "in", options: ["retail", "wholesale"] },
        size: { op: "range", min: "10", max: "99.5" },
        visit: { op: "between", from: "2026-01-01" },
        vip: { op: "checked", value: false },
        city: { op: "contains", text: "pest" },
        owner: { op: "users", users: ["0b7e6c1a-2f4d-4c1e-9a3b-5d6e7f8a9b0c", "1c8f7d2b-3a5e-4d2f-8b4c-6e7f8a9b0c1d"] },
        region: { op: "empty" },
      },
    };
    const params = listUrlParams({ filter, sort: { by: "field:size", dir: "desc" }, cursor: "abc", viewId: null });
    const state = parseListUrl(toRecord(params));
    expect(state.filter).toEqual({ ...filter, fields: Object.fromEntries(Object.entries(filter.fields!).sort()) });
    expect(state.sort).toEqual({ by: "field:size", dir: "desc" });
    expect(state.cursor).toBe("abc");
  });

  it("drops what is malformed and keeps the rest", () => {
    const state = parseListUrl({ status: "a,B!,c", resp: "someone", "f.x": "range:abc..", "f.y": "checked:yes", sort: "drop table", q: " hi " });
    expect(state.filter).toEqual({ q: "hi", fields: { y: { op: "checked", value: true } } });
    expect(state.sort).toEqual(defaultSort);
  });

  it("leaves the default sort and empty parts out of the URL", () => {
    expect(listUrlParams({ filter: { statuses: [] }, sort: defaultSort }).toString()).toBe("");
    expect(isFilterEmpty({ fields: { a: { op: "range" } } })).toBe(true);
  });
});
