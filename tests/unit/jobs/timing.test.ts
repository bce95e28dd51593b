import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BACKOFF_MAX_MS, backoffMs, latestTick, parseCron } from "@/lib/jobs/timing";

describe("backoff between attempts", () => {
  it("doubles from 10 seconds", () => {
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
  });

  it("never shrinks, and never waits more than an hour", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (attempt) => {
        expect(backoffMs(attempt + 1)).toBeGreaterThanOrEqual(backoffMs(attempt));
        expect(backoffMs(attempt)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
      }),
    );
    expect(backoffMs(50)).toBe(BACKOFF_MAX_MS);
  });
});

describe("Inngest cron strings", () => {
  it("split a TZ= or CRON_TZ= prefix into croner's time zone", () => {
    expect(parseCron("TZ=Europe/Budapest 0 6 * * *")).toEqual({ pattern: "0 6 * * *", timezone: "Europe/Budapest" });
    expect(parseCron("CRON_TZ=America/New_York 30 2 * * 1-5")).toEqual({ pattern: "30 2 * * 1-5", timezone: "America/New_York" });
    expect(parseCron("* * * * *")).toEqual({ pattern: "* * * * *" });
  });

  it("refuse a pattern croner cannot read", () => {
    expect(() => parseCron("TZ=Europe/Budapest every morning")).toThrow();
    expect(() => parseCron("61 * * * *")).toThrow();
  });

  it("find the latest tick in the schedule's own time zone, across summer time", () => {
    const budapestSix = parseCron("TZ=Europe/Budapest 0 6 * * *");
    // Summer: UTC+2.
    expect(latestTick(budapestSix, new Date("2026-07-01T04:30:00Z"))).toEqual(new Date("2026-07-01T04:00:00Z"));
    expect(latestTick(budapestSix, new Date("2026-07-01T03:59:59Z"))).toEqual(new Date("2026-06-30T04:00:00Z"));
    // Winter: UTC+1.
    expect(latestTick(budapestSix, new Date("2026-01-15T05:00:00Z"))).toEqual(new Date("2026-01-15T05:00:00Z"));
    expect(latestTick(parseCron("* * * * *"), new Date("2026-01-15T05:00:42Z"))).toEqual(new Date("2026-01-15T05:00:00Z"));
  });
});
