import { describe, expect, it } from "vitest";
import { lastVisitStart } from "@/lib/dashboards/my-day";

const at = (text: string) => new Date(text);

describe("lastVisitStart", () => {
  const now = at("2026-12-03T10:00:00Z");
  it("counts from the last visit when it was an hour or more ago", () => {
    expect(lastVisitStart(at("2026-12-02T17:00:00Z"), at("2026-12-01T09:00:00Z"), now)).toEqual(at("2026-12-02T17:00:00Z"));
  });
  it("within the hour of the last visit, from the visit before it", () => {
    expect(lastVisitStart(at("2026-12-03T09:30:00Z"), at("2026-12-02T17:00:00Z"), now)).toEqual(at("2026-12-02T17:00:00Z"));
  });
  it("goes back at most 7 days, and 7 days without any visit", () => {
    expect(lastVisitStart(at("2026-10-01T09:00:00Z"), null, now)).toEqual(at("2026-11-26T10:00:00Z"));
    expect(lastVisitStart(null, null, now)).toEqual(at("2026-11-26T10:00:00Z"));
    expect(lastVisitStart(at("2026-12-03T09:59:00Z"), null, now)).toEqual(at("2026-11-26T10:00:00Z"));
  });
});
