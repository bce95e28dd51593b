import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  defaultRuleSettings as settings,
  deriveStatus,
  entries,
  groupOf,
  initialSalesStatus,
  qualifications,
  salesStatuses,
  type StatusFacts,
} from "@/lib/statuses/derive";
import {
  daysAgoCutoff,
  localDateOf,
  localDateText,
  localDateTimeText,
  localHourOn,
  localMonthKey,
  monthsAgoStart,
  parseLocalDateText,
  startOfLocalDate,
} from "@/lib/time/zoned";

const TZ = "Europe/Budapest";
const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);

/** A datasheet created at `createdAt` with nothing else yet. */
function facts(overrides: Partial<StatusFacts> = {}): StatusFacts {
  return {
    salesStatus: "in_progress",
    qualification: null,
    entry: "inquiry",
    createdAt: at("2026-03-01T09:00:00Z"),
    lastContactAt: null,
    openTodos: 0,
    doneTodos: 0,
    latestOpenTodoDueAt: null,
    paidInvoiceTimes: [],
    unreachableAt: null,
    subscribedAt: null,
    lastEngagedAt: null,
    ...overrides,
  };
}
const derive = (f: Partial<StatusFacts>, now = at("2026-03-02T09:00:00Z")) => deriveStatus(facts(f), now, settings, TZ);

describe("SPEC §3.1, line by line", () => {
  it("3.5: a new inquiry awaits processing", () => {
    expect(derive({})).toMatchObject({ key: "awaiting_processing", rule: "new_inquiry" });
  });

  it("3.4: the first todo: awaiting contact", () => {
    expect(derive({ openTodos: 1, latestOpenTodoDueAt: at("2026-03-03T09:00:00Z") })).toMatchObject({ key: "awaiting_contact", rule: "todo_open" });
  });

  it("3.3: a done todo: in progress", () => {
    expect(derive({ doneTodos: 1, lastContactAt: at("2026-03-02T08:00:00Z") })).toMatchObject({ key: "in_progress", rule: "todo_done" });
  });

  it("3.2: three done todos and Qualification target group: serious prospect; two, or not the target group, is not", () => {
    const base = { lastContactAt: at("2026-03-02T08:00:00Z") };
    expect(derive({ ...base, doneTodos: 3, qualification: "target_group" })).toMatchObject({
      key: "serious_prospect",
      rule: "serious_prospect",
      facts: { doneTodos: 3, qualification: "target_group" },
    });
    expect(derive({ ...base, doneTodos: 2, qualification: "target_group" }).key).toBe("in_progress");
    expect(derive({ ...base, doneTodos: 5, qualification: "not_target_group" }).key).toBe("in_progress");
    expect(derive({ ...base, doneTodos: 5, qualification: null }).key).toBe("in_progress");
  });

  it("3.1: more than 30 days without contact and no open todo in the future: forgotten; exactly 30 is not", () => {
    const contact = at("2026-03-01T14:00:00Z"); // 15:00 in Budapest
    // 30 calendar days later (31 March) is not "more than 30 days"; 1 April is.
    expect(derive({ doneTodos: 1, lastContactAt: contact }, at("2026-03-31T21:00:00Z")).key).toBe("in_progress");
    expect(derive({ doneTodos: 1, lastContactAt: contact }, at("2026-03-31T22:00:00Z"))).toMatchObject({ key: "forgotten", rule: "no_contact" });
    // A todo due later keeps it out of Forgotten; one due in the past does not.
    const later = { doneTodos: 1, lastContactAt: contact, openTodos: 1 };
    expect(derive({ ...later, latestOpenTodoDueAt: at("2026-04-10T08:00:00Z") }, at("2026-04-05T08:00:00Z")).key).toBe("in_progress");
    expect(derive({ ...later, latestOpenTodoDueAt: at("2026-03-10T08:00:00Z") }, at("2026-04-05T08:00:00Z")).key).toBe("forgotten");
  });

  it("3.1: with no contact yet the days count from creation", () => {
    expect(derive({}, at("2026-03-31T12:00:00Z")).key).toBe("awaiting_processing");
    expect(derive({}, at("2026-04-01T12:00:00Z")).key).toBe("forgotten");
  });

  it("1: an invoice paid today counts at once, in the hours before noon UTC too; one dated tomorrow not yet", () => {
    const won = { salesStatus: "closed_won" as const };
    // Paid days are kept as noon UTC (paidAtOf). 3 December 01:07 in Budapest is 00:07 UTC.
    const earlyMorning = at("2026-12-03T00:07:00Z");
    const paidToday = at("2026-12-03T12:00:00Z");
    expect(derive({ ...won, paidInvoiceTimes: [at("2026-11-20T12:00:00Z"), paidToday] }, earlyMorning)).toMatchObject({
      key: "returning",
      facts: { paidInvoices: 2 },
    });
    expect(derive({ ...won, paidInvoiceTimes: [paidToday, at("2026-12-04T12:00:00Z")] }, earlyMorning)).toMatchObject({
      key: "one_time",
      facts: { paidInvoices: 1 },
    });
  });

  it("1: closed won: one-time, returning with two paid invoices, regular with paid invoices in three calendar months of the last twelve", () => {
    const won = { salesStatus: "closed_won" as const };
    expect(derive(won)).toMatchObject({ key: "one_time", rule: "closed_won_one_time" });
    expect(derive({ ...won, paidInvoiceTimes: [at("2026-01-10T10:00:00Z")] })).toMatchObject({ key: "one_time" });
    expect(derive({ ...won, paidInvoiceTimes: [at("2026-01-10T10:00:00Z"), at("2026-01-20T10:00:00Z")] })).toMatchObject({
      key: "returning",
      rule: "closed_won_returning",
    });
    const three = [at("2025-12-10T10:00:00Z"), at("2026-01-10T10:00:00Z"), at("2026-02-10T10:00:00Z")];
    expect(derive({ ...won, paidInvoiceTimes: three }, at("2026-03-02T09:00:00Z"))).toMatchObject({
      key: "regular",
      rule: "closed_won_regular",
      facts: { paidMonthsInWindow: 3 },
    });
  });

  it("1: the twelve-month window: an invoice leaves it on the first day of its thirteenth month, in the workspace's calendar", () => {
    const won = { salesStatus: "closed_won" as const };
    // Paid 1 March 2025 00:30 in Budapest (still 28 February in UTC).
    const three = [at("2025-02-28T23:30:00Z"), at("2025-06-10T10:00:00Z"), at("2025-09-10T10:00:00Z")];
    expect(derive({ ...won, paidInvoiceTimes: three }, at("2026-02-28T22:59:00Z")).key).toBe("regular"); // 28 Feb 23:59 local
    expect(derive({ ...won, paidInvoiceTimes: three }, at("2026-02-28T23:00:00Z")).key).toBe("returning"); // 1 March 00:00 local
  });

  it("1: an invoice paid after the moment asked about does not count (a dry run in the past)", () => {
    const won = { salesStatus: "closed_won" as const, paidInvoiceTimes: [at("2026-01-10T10:00:00Z"), at("2026-05-10T10:00:00Z")] };
    expect(derive(won, at("2026-03-01T10:00:00Z")).key).toBe("one_time");
    expect(derive(won, at("2026-06-01T10:00:00Z")).key).toBe("returning");
  });

  it("2: closed lost: failed, whatever else", () => {
    expect(derive({ salesStatus: "closed_lost", doneTodos: 9, qualification: "target_group", paidInvoiceTimes: [at("2026-01-01T10:00:00Z")] })).toMatchObject({
      key: "failed",
      rule: "closed_lost",
    });
  });

  it("4.1: a marketing contact that unsubscribed, bounced or complained is unreachable", () => {
    expect(derive({ salesStatus: null, entry: "subscriber", unreachableAt: at("2026-03-01T12:00:00Z") })).toMatchObject({
      key: "unreachable",
      rule: "unreachable",
    });
    expect(derive({ salesStatus: null, entry: "list", unreachableAt: at("2026-03-01T12:00:00Z") }).key).toBe("unreachable");
  });

  it("4.2: a subscriber: newsletter, inactive after more than 365 days without opens or clicks, counted from the later of subscribing and the last engagement", () => {
    const sub = { salesStatus: null, entry: "subscriber" as const, subscribedAt: at("2025-01-10T10:00:00Z") };
    expect(derive(sub, at("2026-01-10T12:00:00Z"))).toMatchObject({ key: "newsletter", rule: "subscriber" }); // 365 days
    expect(derive(sub, at("2026-01-11T12:00:00Z"))).toMatchObject({ key: "inactive", rule: "no_engagement" }); // 366
    expect(derive({ ...sub, lastEngagedAt: at("2025-06-01T10:00:00Z") }, at("2026-01-11T12:00:00Z")).key).toBe("newsletter");
    expect(derive({ ...sub, lastEngagedAt: at("2025-06-01T10:00:00Z") }, at("2026-06-03T12:00:00Z")).key).toBe("inactive");
  });

  it("4.3: a purchased list: cold list", () => {
    expect(derive({ salesStatus: null, entry: "list" })).toMatchObject({ key: "cold_list", rule: "purchased_list" });
  });

  it("a new datasheet's Sales status follows from its Entry", () => {
    expect(initialSalesStatus("inquiry")).toBe("in_progress");
    expect(initialSalesStatus("subscriber")).toBeNull();
    expect(initialSalesStatus("list")).toBeNull();
  });
});

describe("the calendar of the workspace", () => {
  it("counts days across the spring daylight-saving change by the calendar, not by 24 hours", () => {
    // Budapest moves its clocks forward on 29 March 2026: that day has 23 hours.
    const now = at("2026-04-30T06:00:00Z"); // 30 April 08:00 local
    expect(daysAgoCutoff(now, 30, TZ).toISOString()).toBe("2026-03-30T22:00:00.000Z"); // 31 March 00:00 local (summer time)
    expect(daysAgoCutoff(at("2026-03-30T06:00:00Z"), 1, TZ).toISOString()).toBe("2026-03-28T23:00:00.000Z"); // 29 March 00:00 (winter time)
    const contact = at("2026-03-29T10:00:00Z");
    expect(derive({ doneTodos: 1, lastContactAt: contact }, at("2026-04-28T21:59:00Z")).key).toBe("in_progress"); // 28 April 23:59 local: 30 days
    expect(derive({ doneTodos: 1, lastContactAt: contact }, at("2026-04-28T22:00:00Z")).key).toBe("forgotten"); // 29 April 00:00 local: 31 days
  });

  it("counts across the autumn change (a 25-hour day) the same way", () => {
    expect(daysAgoCutoff(at("2026-10-26T08:00:00Z"), 1, TZ).toISOString()).toBe("2026-10-24T22:00:00.000Z"); // 25 Oct 00:00 CEST
    expect(startOfLocalDate({ year: 2026, month: 10, day: 26 }, TZ).toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });

  it("places instants in the zone's calendar months and days", () => {
    expect(localMonthKey(at("2026-02-28T23:30:00Z"), TZ)).toBe("2026-03");
    expect(localMonthKey(at("2026-02-28T23:30:00Z"), "UTC")).toBe("2026-02");
    expect(localDateOf(at("2026-12-31T23:30:00Z"), TZ)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(monthsAgoStart(at("2026-01-15T10:00:00Z"), 11, TZ).toISOString()).toBe("2025-01-31T23:00:00.000Z"); // 1 Feb 2025 local
    expect(monthsAgoStart(at("2026-01-15T10:00:00Z"), 11, "America/New_York").toISOString()).toBe("2025-02-01T05:00:00.000Z");
  });

  it("writes and reads local dates and wall-clock times as spreadsheets and forms take them", () => {
    expect(localDateText({ year: 2026, month: 3, day: 1 })).toBe("2026-03-01");
    expect(parseLocalDateText("2026-02-29")).toBeNull();
    expect(parseLocalDateText("2026-2-01")).toBeNull();
    expect(parseLocalDateText("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(localDateTimeText(at("2026-12-02T14:20:03.975Z"), TZ)).toBe("2026-12-02 15:20");
    expect(localDateTimeText(at("2026-06-30T22:30:00Z"), TZ)).toBe("2026-07-01 00:30");
  });

  it("finds a wall-clock hour on a day before or after, in summer and winter time alike", () => {
    const winter = at("2026-12-02T20:00:00Z");
    expect(localHourOn(winter, 0, 15, TZ).toISOString()).toBe("2026-12-02T14:00:00.000Z");
    expect(localHourOn(winter, -200, 15, TZ).toISOString()).toBe("2026-05-16T13:00:00.000Z");
    // 29 March 2026 has 23 hours in Budapest: 10:00 that day is 08:00 UTC.
    expect(localHourOn(at("2026-03-28T12:00:00Z"), 1, 10, TZ).toISOString()).toBe("2026-03-29T08:00:00.000Z");
    expect(localHourOn(winter, 1, 9, "America/New_York").toISOString()).toBe("2026-12-03T14:00:00.000Z");
  });
});

describe("laws of the rule (property tests)", () => {
  const instant = fc.date({ min: at("2024-01-01T00:00:00Z"), max: at("2027-12-31T00:00:00Z"), noInvalidDate: true });
  const factsArb: fc.Arbitrary<StatusFacts> = fc.record({
    salesStatus: fc.constantFrom(null, ...salesStatuses),
    qualification: fc.constantFrom(null, ...qualifications),
    entry: fc.constantFrom(...entries),
    createdAt: instant,
    lastContactAt: fc.option(instant, { nil: null }),
    openTodos: fc.nat(5),
    doneTodos: fc.nat(6),
    latestOpenTodoDueAt: fc.option(instant, { nil: null }),
    paidInvoiceTimes: fc.array(instant, { maxLength: 6 }),
    unreachableAt: fc.option(instant, { nil: null }),
    subscribedAt: fc.option(instant, { nil: null }),
    lastEngagedAt: fc.option(instant, { nil: null }),
  });
  const zone = fc.constantFrom("Europe/Budapest", "UTC", "America/New_York", "Asia/Tokyo");

  it("depends only on the facts and the time: the same input gives the same answer", () => {
    fc.assert(
      fc.property(factsArb, instant, zone, (f, now, tz) => {
        expect(deriveStatus(structuredClone(f), new Date(now), settings, tz)).toEqual(deriveStatus(f, now, settings, tz));
      }),
    );
  });

  it("a closed-won datasheet is always in Customers, closed-lost in Non-customers, a marketing contact in Marketing or Non-customers", () => {
    fc.assert(
      fc.property(factsArb, instant, zone, (f, now, tz) => {
        const group = groupOf(deriveStatus(f, now, settings, tz).key);
        if (f.salesStatus === "closed_won") expect(group).toBe("customers");
        else if (f.salesStatus === "closed_lost") expect(group).toBe("non_customers");
        else if (f.salesStatus === "in_progress") expect(["sales", "non_customers"]).toContain(group);
        else expect(["marketing", "non_customers"]).toContain(group);
      }),
    );
  });

  it("time only moves a datasheet along the time rules: a later moment changes the answer only into Forgotten, Inactive or out of Regular", () => {
    fc.assert(
      fc.property(factsArb, instant, fc.integer({ min: 1, max: 800 }), zone, (f, now, days, tz) => {
        // Facts fixed before `now`: nothing in the future of the first moment.
        const past = {
          ...f,
          paidInvoiceTimes: f.paidInvoiceTimes.filter((t) => t <= now),
          unreachableAt: f.unreachableAt && f.unreachableAt <= now ? f.unreachableAt : null,
          lastEngagedAt: f.lastEngagedAt && f.lastEngagedAt <= now ? f.lastEngagedAt : null,
          createdAt: f.createdAt <= now ? f.createdAt : now,
          subscribedAt: f.subscribedAt && f.subscribedAt <= now ? f.subscribedAt : null,
          lastContactAt: f.lastContactAt && f.lastContactAt <= now ? f.lastContactAt : null,
        };
        const before = deriveStatus(past, now, settings, tz).key;
        const after = deriveStatus(past, new Date(now.getTime() + days * DAY), settings, tz).key;
        if (before !== after) expect([["forgotten"], ["inactive"], ["returning", "one_time"]].some((targets) => targets.includes(after))).toBe(true);
      }),
    );
  });
});
