import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KEY_MAX_LENGTH, KEY_PATTERN, slugify, uniqueKey } from "@/lib/modules/keys";

describe("keys", () => {
  it("are made from names as ASCII slugs", () => {
    expect(slugify("Company size", "field")).toBe("company_size");
    expect(slugify("Új bejelentés", "status")).toBe("uj_bejelentes");
    expect(slugify("Árajánlat elküldve – ŐSZ", "status")).toBe("arajanlat_elkuldve_osz");
    expect(slugify("  Valószínűség (%) ", "field")).toBe("valoszinuseg");
    expect(slugify("2024 budget", "field")).toBe("field_2024_budget");
    expect(slugify("???", "option")).toBe("option");
    expect(slugify("日本語", "field")).toBe("field");
  });

  it("get a number when taken", () => {
    expect(uniqueKey("Company size", new Set(["company_size"]), "field")).toBe("company_size_2");
    expect(uniqueKey("Company size", new Set(["company_size", "company_size_2"]), "field")).toBe("company_size_3");
  });

  it("always match the key pattern, fit the length and avoid every taken key", () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ maxLength: 12 })), (name, takenNames) => {
        const taken = new Set<string>();
        for (const n of takenNames) taken.add(uniqueKey(n, taken, "field"));
        const key = uniqueKey(name, taken, "field");
        expect(key).toMatch(KEY_PATTERN);
        expect(key.length).toBeLessThanOrEqual(KEY_MAX_LENGTH);
        expect(taken.has(key)).toBe(false);
      }),
    );
  });
});
