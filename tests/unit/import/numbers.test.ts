import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLocaleDate, parseLocaleDateTime, parseLocaleMoney, parseLocaleNumber } from "@/lib/import/numbers";

/** How a spreadsheet may print a number: Hungarian (space and comma), German (point and comma), English (comma and point), plain. */
function written(whole: bigint, cents: number, style: "hu" | "de" | "en" | "plain"): string {
  const groups = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, "|");
  const fraction = String(cents).padStart(2, "0");
  switch (style) {
    case "hu":
      return `${groups.replace(/\|/g, "\u00a0")},${fraction}`;
    case "de":
      return `${groups.replace(/\|/g, ".")},${fraction}`;
    case "en":
      return `${groups.replace(/\|/g, ",")}.${fraction}`;
    case "plain":
      return `${whole}.${fraction}`;
  }
}

describe("parseLocaleNumber", () => {
  it.each([
    ["1 234,56", "1234.56"],
    ["1\u00a0234\u00a0567,5", "1234567.5"],
    ["1.234,56", "1234.56"],
    ["1,234.56", "1234.56"],
    ["1234.56", "1234.56"],
    ["12,5", "12.5"],
    ["-12,5", "-12.5"],
    ["+7", "7"],
    ["007", "7"],
    ["1.234.567", "1234567"],
    ["1,234,567", "1234567"],
    ["-0", "0"],
  ])("reads %j as %s", (text, expected) => {
    expect(parseLocaleNumber(text)).toBe(expected);
  });

  it.each(["", "abc", "1,2,3", "12 34", "1.23.4", "1 234 56,7", "1,234.56.7", "1.", ",5", "1e5", "12a"])("refuses %j", (text) => {
    expect(parseLocaleNumber(text)).toBeNull();
  });

  it("reads every amount the same in every notation (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom("hu", "de", "en", "plain" as const),
        fc.boolean(),
        (whole, cents, style, negative) => {
          const text = `${negative ? "-" : ""}${written(whole, cents, style)}`;
          const parsed = parseLocaleNumber(text);
          expect(parsed).not.toBeNull();
          const expected = Number(`${whole}.${String(cents).padStart(2, "0")}`) * (negative ? -1 : 1);
          expect(Number(parsed)).toBeCloseTo(expected === 0 ? 0 : expected, 2);
        },
      ),
    );
  });

  it("answers a canonical number that reads back as itself (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("1", "2", "0", ",", ".", " ", "-", "9") }), (text) => {
        const parsed = parseLocaleNumber(text);
        if (parsed === null) return;
        expect(parsed).toMatch(/^-?\d+(\.\d+)?$/);
        expect(parseLocaleNumber(parsed)).toBe(parsed);
      }),
    );
  });
});

describe("parseLocaleMoney", () => {
  it.each([
    ["1 234 Ft", { amount: "1234", currency: "HUF" }],
    ["€12,50", { amount: "12.50", currency: "EUR" }],
    ["12.5 EUR", { amount: "12.5", currency: "EUR" }],
    ["1 234,56", { amount: "1234.56", currency: null }],
  ])("reads %j", (text, expected) => {
    expect(parseLocaleMoney(text)).toEqual(expected);
  });
  it("refuses words", () => expect(parseLocaleMoney("sok pénz")).toBeNull());
});

describe("parseLocaleDate", () => {
  it.each([
    ["2026.11.29.", "2026-11-29"],
    ["2026. 11. 29.", "2026-11-29"],
    ["2026.1.5", "2026-01-05"],
    ["2026-11-29", "2026-11-29"],
    ["2026/11/29", "2026-11-29"],
    ["29.11.2026", "2026-11-29"],
    ["2024.02.29.", "2024-02-29"],
    ["2026-11-29T00:00:00.000Z", "2026-11-29"],
  ])("reads %j as %s", (text, expected) => {
    expect(parseLocaleDate(text)).toBe(expected);
  });

  it.each(["2025.02.29.", "2026.13.01.", "11/29/2026", "29/11/2026", "tegnap", "2026.11", "0.0.0000"])("refuses %j", (text) => {
    expect(parseLocaleDate(text)).toBeNull();
  });

  it("reads every calendar day in the Hungarian, ISO and day-first forms (property)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        const [y, m, d] = iso.split("-");
        expect(parseLocaleDate(`${y}.${m}.${d}.`)).toBe(iso);
        expect(parseLocaleDate(`${y}. ${Number(m)}. ${Number(d)}.`)).toBe(iso);
        expect(parseLocaleDate(iso)).toBe(iso);
        expect(parseLocaleDate(`${d}.${m}.${y}`)).toBe(iso);
      }),
    );
  });

  it("never answers a day that is not in the calendar (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }), (y, m, d) => {
        const parsed = parseLocaleDate(`${y}.${m}.${d}.`);
        const real = new Date(Date.UTC(y, m - 1, d));
        const exists = m >= 1 && m <= 12 && d >= 1 && real.getUTCMonth() === m - 1 && real.getUTCDate() === d;
        expect(parsed !== null).toBe(exists);
      }),
    );
  });
});

describe("parseLocaleDateTime", () => {
  it("reads a Hungarian date with a time as a wall clock", () => {
    expect(parseLocaleDateTime("2026.11.29. 14:30")).toEqual({ wallClock: "2026-11-29T14:30:00" });
    expect(parseLocaleDateTime("2026-11-29")).toEqual({ wallClock: "2026-11-29T00:00:00" });
  });
  it("keeps an instant", () => {
    expect(parseLocaleDateTime("2026-11-29T13:30:00+01:00")).toEqual({ instant: "2026-11-29T12:30:00.000Z" });
  });
  it("refuses 25 o'clock", () => expect(parseLocaleDateTime("2026.11.29. 25:00")).toBeNull());
});
