import { describe, expect, it } from "vitest";
import { dashboardPeriod } from "@/lib/dashboards/period";

const tz = "Europe/Budapest";
// Thursday 3 December 2026, 00:30 in Budapest (still the 2nd in UTC).
const now = new Date("2026-12-02T23:30:00Z");
const ok = (input: Record<string, string>, zone = tz, at = now) => {
  const result = dashboardPeriod(input, at, zone);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.period;
};

describe("dashboardPeriod", () => {
  it("reads the presets as local days of the workspace, today included", () => {
    expect(ok({})).toMatchObject({ preset: "30d", from: "2026-11-04", to: "2026-12-03" });
    expect(ok({ period: "week" })).toMatchObject({ from: "2026-11-30", to: "2026-12-03" });
    expect(ok({ period: "month" })).toMatchObject({ from: "2026-12-01", to: "2026-12-03" });
    expect(ok({ period: "90d" })).toMatchObject({ from: "2026-09-05", to: "2026-12-03" });
    expect(ok({ period: "week" }).start).toEqual(new Date("2026-11-29T23:00:00Z"));
    expect(ok({ period: "week" }).end).toEqual(new Date("2026-12-03T23:00:00Z"));
  });
  it("on a day far from UTC, the same instant is another local day", () => {
    // Auckland (UTC+13 in December): already the 3rd at noon.
    expect(ok({ period: "month" }, "Pacific/Auckland")).toMatchObject({ from: "2026-12-01", to: "2026-12-03" });
    // Los Angeles: still the 2nd; this week began on Monday 30 November.
    expect(ok({ period: "week" }, "America/Los_Angeles")).toMatchObject({ from: "2026-11-30", to: "2026-12-02" });
  });
  it("takes custom days, and says which field is wrong", () => {
    expect(ok({ period: "custom", from: "2026-10-01", to: "2026-10-31" })).toMatchObject({ preset: "custom", from: "2026-10-01", to: "2026-10-31" });
    expect(ok({ from: "2026-10-01" })).toMatchObject({ preset: "custom", to: "2026-12-03" });
    expect(dashboardPeriod({ period: "custom", from: "2026-13-01" }, now, tz)).toEqual({ ok: false, field: "from", error: "dateInvalid" });
    expect(dashboardPeriod({ period: "custom", from: "2026-10-01", to: "nope" }, now, tz)).toEqual({ ok: false, field: "to", error: "dateInvalid" });
    expect(dashboardPeriod({ period: "custom", from: "2026-10-02", to: "2026-10-01" }, now, tz)).toEqual({ ok: false, field: "to", error: "periodOrder" });
    expect(dashboardPeriod({ period: "custom", from: "2020-10-02", to: "2026-10-01" }, now, tz)).toEqual({ ok: false, field: "from", error: "periodTooLong" });
  });
  it("an unknown preset is the default", () => {
    expect(ok({ period: "year" }).preset).toBe("30d");
  });
});
