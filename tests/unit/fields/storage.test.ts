import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldType } from "@/db/schema/fields";
import { fromStoredValues, toStoredValues, valueColumnOf } from "@/lib/fields/storage";
import { fieldTypes } from "@/lib/fields/types";
import { parseFieldValue, type FieldValue } from "@/lib/fields/values";

const options = ["a", "b", "c", "d"].map((key) => ({ key }));
const parsed = (type: FieldType, raw: unknown): FieldValue => {
  const result = parseFieldValue({ type, isRequired: false, options }, raw);
  if (!result.ok || result.value === null) throw new Error(`bad sample for ${type}`);
  return result.value;
};

/** A valid raw input for each type. */
const rawFor: Record<FieldType, fc.Arbitrary<unknown>> = {
  text: fc.string({ minLength: 1, maxLength: 500 }).filter((s) => s.trim() !== ""),
  long_text: fc.string({ minLength: 1, maxLength: 2000 }).filter((s) => s.trim() !== ""),
  number: fc.double({ min: -1e12, max: 1e12, noNaN: true }),
  money: fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom("HUF", "EUR", "USD")).map(
    ([whole, cents, currency]) => ({ amount: `${whole}.${String(cents).padStart(2, "0")}`, currency }),
  ),
  date: fc.constantFrom("2024-02-29", "1999-12-31", "2026-03-01"),
  datetime: fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
  single_select: fc.constantFrom("a", "b", "c", "d"),
  multi_select: fc.shuffledSubarray(["a", "b", "c", "d"], { minLength: 1 }),
  checkbox: fc.boolean(),
  email: fc.emailAddress().filter((e) => parseFieldValue({ type: "email", isRequired: false }, e).ok),
  phone: fc.constantFrom("+36 1 234 5678", "06301234567"),
  url: fc.webUrl().filter((u) => u.length < 1000),
  user: fc.uuid(),
};

describe("stored field values", () => {
  it("come back as the value that was stored, for every type", () => {
    for (const type of fieldTypes) {
      fc.assert(
        fc.property(rawFor[type], (raw) => {
          const value = parsed(type, raw);
          const rows = toStoredValues(type, value);
          expect(fromStoredValues(type, [...rows].reverse())).toEqual(value);
        }),
        { numRuns: 30 },
      );
    }
  });

  it("fill only the type's own column (and the currency for money)", () => {
    for (const type of fieldTypes) {
      fc.assert(
        fc.property(rawFor[type], (raw) => {
          for (const row of toStoredValues(type, parsed(type, raw))) {
            const filled = Object.entries(row)
              .filter(([key, v]) => key !== "ordinal" && v !== null)
              .map(([key]) => key)
              .sort();
            expect(filled).toEqual(type === "money" ? ["currency", "numberValue"] : [valueColumnOf(type)]);
          }
        }),
        { numRuns: 10 },
      );
    }
  });

  it("store a multi select as one row per option, numbered in order", () => {
    expect(toStoredValues("multi_select", ["c", "a"]).map((r) => [r.ordinal, r.textValue])).toEqual([
      [0, "c"],
      [1, "a"],
    ]);
    expect(toStoredValues("text", null)).toEqual([]);
    expect(fromStoredValues("multi_select", [])).toBeNull();
  });
});
