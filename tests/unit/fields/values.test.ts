import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldType } from "@/db/schema/fields";
import { fieldTypes } from "@/lib/fields/types";
import { fieldValueErrors, LONG_TEXT_MAX, parseFieldValue, TEXT_MAX, URL_MAX, type FieldDefinition } from "@/lib/fields/values";
import en from "../../../messages/en.json";
import hu from "../../../messages/hu.json";

const options = [{ key: "small" }, { key: "medium" }, { key: "large" }, { key: "huge" }];
const field = (type: FieldType, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ type, isRequired: false, options, ...extra });
const parse = (type: FieldType, raw: unknown, extra?: Partial<FieldDefinition>) => parseFieldValue(field(type, extra), raw);
const valueOf = (type: FieldType, raw: unknown, extra?: Partial<FieldDefinition>) => {
  const result = parse(type, raw, extra);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be a valid ${type}, got ${result.error}`);
  return result.value;
};
const errorOf = (type: FieldType, raw: unknown, extra?: Partial<FieldDefinition>) => {
  const result = parse(type, raw, extra);
  return result.ok ? null : result.error;
};

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** Real calendar dates, as YYYY-MM-DD. */
const calendarDate = fc
  .date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
const digitString = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });

describe("parseFieldValue: empty values", () => {
  const empties = [null, undefined, "", "   ", []];
  it("is null for every type when not required, and 'required' when required", () => {
    for (const type of fieldTypes) {
      for (const empty of empties) {
        expect(parse(type, empty)).toEqual({ ok: true, value: null });
        expect(parse(type, empty, { isRequired: true })).toEqual({ ok: false, error: "required" });
      }
    }
  });

  it("treats an unchecked checkbox as an answer, also when required", () => {
    expect(parse("checkbox", false, { isRequired: true })).toEqual({ ok: true, value: false });
  });

  it("treats a money value without an amount as empty", () => {
    expect(parse("money", { amount: "", currency: "EUR" })).toEqual({ ok: true, value: null });
    expect(errorOf("money", { amount: "" }, { isRequired: true })).toBe("required");
  });
});

describe("parseFieldValue: text", () => {
  it("accepts any text up to the limit, trimmed, and refuses longer", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: TEXT_MAX }), fc.string({ minLength: 1, maxLength: 20 }), (text, extra) => {
        const result = parse("text", text);
        expect(result).toEqual({ ok: true, value: text.trim() === "" ? null : text.trim() });
        const long = "x".repeat(TEXT_MAX) + extra.replace(/\s/g, "y") + "z";
        expect(errorOf("text", long)).toBe("tooLong");
      }),
    );
    expect(valueOf("long_text", "a".repeat(LONG_TEXT_MAX))).toHaveLength(LONG_TEXT_MAX);
    expect(errorOf("long_text", "a".repeat(LONG_TEXT_MAX + 1))).toBe("tooLong");
  });

  it("refuses what is not a string", () => {
    for (const raw of [12, true, {}, ["a"]]) expect(errorOf("text", raw)).toBe("textInvalid");
  });
});

describe("parseFieldValue: number", () => {
  it("accepts finite numbers and decimal strings, and the two agree", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e14, max: 1e14, noNaN: true, noDefaultInfinity: true }), (n) => {
        const fromNumber = valueOf("number", n);
        expect(fromNumber).toBe(Object.is(n, -0) ? 0 : n);
      }),
    );
    fc.assert(
      fc.property(fc.boolean(), digitString(1, 12), fc.option(digitString(1, 6)), (negative, whole, fraction) => {
        const text = `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
        expect(valueOf("number", text)).toBe(Number(text) === 0 ? 0 : Number(text));
      }),
    );
  });

  it("refuses anything else", () => {
    for (const raw of ["1e5", "1,5", "12a", "--1", ".5", "5.", "Infinity", "NaN", Number.NaN, Infinity, 1e16, "1 000", true, {}]) {
      expect(errorOf("number", raw), String(raw)).toBe("numberInvalid");
    }
  });

  it("refuses random non-numeric strings", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== "" && !/^[+-]?\d+(\.\d+)?$/.test(s.trim())),
        (s) => {
          expect(errorOf("number", s)).toBe("numberInvalid");
        },
      ),
    );
  });
});

describe("parseFieldValue: money", () => {
  it("accepts amounts with at most two decimals, canonical with two, in HUF by default", () => {
    fc.assert(
      fc.property(fc.boolean(), digitString(1, 13), fc.option(digitString(1, 2)), (negative, whole, fraction) => {
        const amount = `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
        const value = valueOf("money", { amount }) as { amount: string; currency: string };
        expect(value.currency).toBe("HUF");
        expect(value.amount).toMatch(/^-?\d+\.\d{2}$/);
        expect(Number(value.amount)).toBeCloseTo(Number(amount), 2);
        // Canonical: parsing the stored value again gives the same value.
        expect(valueOf("money", value)).toEqual(value);
      }),
    );
    expect(valueOf("money", "1250")).toEqual({ amount: "1250.00", currency: "HUF" });
    expect(valueOf("money", { amount: 12.5, currency: "eur" })).toEqual({ amount: "12.50", currency: "EUR" });
    expect(valueOf("money", { amount: "007" }, { settings: { defaultCurrency: "EUR" } })).toEqual({ amount: "7.00", currency: "EUR" });
    expect(valueOf("money", { amount: "-0.00" })).toEqual({ amount: "0.00", currency: "HUF" });
  });

  it("refuses more than two decimals, non-numbers and unknown currencies", () => {
    fc.assert(
      fc.property(digitString(1, 8), digitString(3, 6), (whole, fraction) => {
        expect(errorOf("money", { amount: `${whole}.${fraction}` })).toBe("moneyInvalid");
      }),
    );
    expect(errorOf("money", { amount: "12,50" })).toBe("moneyInvalid");
    expect(errorOf("money", { amount: "1", currency: "XYZ" })).toBe("currencyInvalid");
    expect(errorOf("money", { amount: "1", currency: "HUFF" })).toBe("currencyInvalid");
    expect(errorOf("money", { amount: "1", currency: 348 })).toBe("currencyInvalid");
  });

  it("accepts every ISO 4217 code the runtime knows", () => {
    for (const code of Intl.supportedValuesOf("currency")) {
      expect((valueOf("money", { amount: "1", currency: code }) as { currency: string }).currency).toBe(code);
    }
  });
});

describe("parseFieldValue: date and date-time", () => {
  it("accepts every real calendar date", () => {
    fc.assert(
      fc.property(calendarDate, (date) => {
        expect(valueOf("date", date)).toBe(date);
      }),
    );
  });

  it("refuses days that do not exist and other shapes", () => {
    for (const raw of ["2023-02-29", "2024-02-30", "2024-04-31", "2024-13-01", "2024-00-10", "2024-1-5", "05/01/2024", "2024-01-01T10:00Z", "0000-01-01"]) {
      expect(errorOf("date", raw), raw).toBe("dateInvalid");
    }
    expect(valueOf("date", "2024-02-29")).toBe("2024-02-29");
    expect(valueOf("date", "2000-02-29")).toBe("2000-02-29");
    expect(errorOf("date", "1900-02-29")).toBe("dateInvalid");
  });

  it("accepts ISO date-times with an offset and stores them in UTC", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: -12, max: 14 }),
        (instant, offsetHours) => {
          const local = new Date(instant.getTime() + offsetHours * 3600_000).toISOString().slice(0, 23);
          const offset = `${offsetHours < 0 ? "-" : "+"}${pad(Math.abs(offsetHours))}:00`;
          expect(valueOf("datetime", `${local}${offset}`)).toBe(instant.toISOString());
          expect(valueOf("datetime", instant)).toBe(instant.toISOString());
        },
      ),
    );
  });

  it("refuses date-times without an offset or with impossible parts", () => {
    for (const raw of ["2024-05-01T10:00", "2024-05-01", "2024-05-01 10:00Z", "2024-02-30T10:00Z", "2024-05-01T24:00Z", "2024-05-01T10:60Z", "soon"]) {
      expect(errorOf("datetime", raw), raw).toBe("datetimeInvalid");
    }
    expect(errorOf("datetime", new Date(Number.NaN))).toBe("datetimeInvalid");
  });
});

describe("parseFieldValue: email, phone, URL", () => {
  it("accepts addresses and refuses what is not one", () => {
    expect(valueOf("email", "  anna.kovacs@example.hu ")).toBe("anna.kovacs@example.hu");
    for (const raw of ["anna", "anna@", "@example.hu", "anna@example", "a b@example.hu"]) expect(errorOf("email", raw), raw).toBe("emailInvalid");
  });

  it("accepts 6–20 digits with spaces, +, - and brackets, and nothing else", () => {
    const separator = fc.constantFrom("", " ", "-", "(", ")");
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.tuple(fc.constantFrom(..."0123456789"), separator), { minLength: 6, maxLength: 20 }), (plus, parts) => {
        const phone = (plus ? "+" : "") + parts.map(([d, s]) => d + s).join("");
        expect(parse("phone", phone).ok).toBe(true);
      }),
    );
    fc.assert(
      fc.property(digitString(0, 5), digitString(21, 30), (few, many) => {
        if (few) expect(errorOf("phone", few)).toBe("phoneInvalid");
        expect(errorOf("phone", many)).toBe("phoneInvalid");
      }),
    );
    for (const raw of ["+36 1 234 5678x", "06-30/123-4567", "36+301234567", "phone"]) expect(errorOf("phone", raw), raw).toBe("phoneInvalid");
    expect(valueOf("phone", " +36  30 123 4567 ")).toBe("+36 30 123 4567");
  });

  it("accepts http and https addresses only", () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ["http", "https"] }), (url) => {
        fc.pre(url.length <= URL_MAX);
        expect(valueOf("url", url)).toBe(url);
      }),
    );
    for (const raw of ["ftp://example.hu", "javascript:alert(1)", "mailto:a@example.hu", "example.hu", "http://", "https://exa mple.hu"]) {
      expect(errorOf("url", raw), raw).toBe("urlInvalid");
    }
    expect(errorOf("url", `https://example.hu/${"a".repeat(URL_MAX)}`)).toBe("tooLong");
  });
});

describe("parseFieldValue: selects, checkbox, user", () => {
  const keys = options.map((o) => o.key);

  it("accepts exactly the field's option keys for a single select", () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.string({ minLength: 1 }), (key, other) => {
        expect(valueOf("single_select", key)).toBe(key);
        if (!keys.includes(other.trim()) && other.trim() !== "") expect(errorOf("single_select", other)).toBe("optionInvalid");
      }),
    );
    expect(errorOf("single_select", ["small"])).toBe("optionInvalid");
  });

  it("accepts any list of distinct option keys for a multi select, in the order given", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(keys, { minLength: 1 }), (chosen) => {
        expect(valueOf("multi_select", chosen)).toEqual(chosen);
      }),
    );
    fc.assert(
      fc.property(fc.shuffledSubarray(keys, { minLength: 1 }), fc.nat(), (chosen, pick) => {
        const doubled = [...chosen, chosen[pick % chosen.length]!];
        expect(errorOf("multi_select", doubled)).toBe("optionsDuplicate");
      }),
    );
    expect(errorOf("multi_select", ["small", "tiny"])).toBe("optionInvalid");
    expect(errorOf("multi_select", "small")).toBe("optionInvalid");
  });

  it("reads a checkbox from booleans and form values", () => {
    expect(valueOf("checkbox", true)).toBe(true);
    expect(valueOf("checkbox", "on")).toBe(true);
    expect(valueOf("checkbox", "false")).toBe(false);
    expect(errorOf("checkbox", "yes")).toBe("checkboxInvalid");
    expect(errorOf("checkbox", 1)).toBe("checkboxInvalid");
  });

  it("takes a user id", () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(valueOf("user", id.toUpperCase())).toBe(id.toLowerCase());
      }),
    );
    expect(errorOf("user", "not-a-user")).toBe("userInvalid");
  });
});

describe("parseFieldValue: normalised values", () => {
  const samples: Record<FieldType, unknown> = {
    text: " Tesztiroda ",
    long_text: "line one\nline two",
    number: "12.5",
    money: { amount: "1250.5", currency: "eur" },
    date: "2026-03-01",
    datetime: "2026-03-01T09:30:00+01:00",
    single_select: "small",
    multi_select: ["large", "small"],
    checkbox: "on",
    email: "info@tesztiroda.hu",
    phone: "+36 (1) 234-5678",
    url: "https://tesztiroda.hu/kapcsolat",
    user: "7C9E6679-7425-40DE-944B-E07FC1F90AE7",
  };

  it("parse the same again (a stored value is always valid input)", () => {
    for (const type of fieldTypes) {
      const once = valueOf(type, samples[type]);
      expect(valueOf(type, once), type).toEqual(once);
    }
  });

  it("answer only with messages both catalogs have", () => {
    for (const key of fieldValueErrors) {
      expect((en.validation as Record<string, string>)[key], key).toBeTruthy();
      expect((hu.validation as Record<string, string>)[key], key).toBeTruthy();
    }
  });
});
