import { describe, expect, it } from "vitest";
import { formatName } from "@/lib/users/names";

const anna = { familyName: "Kovács", givenName: "Anna" };

describe("formatName (SPEC §8)", () => {
  it("puts the family name first in Hungarian", () => {
    expect(formatName(anna, "hu")).toBe("Kovács Anna");
  });

  it("puts the given name first in English", () => {
    expect(formatName(anna, "en")).toBe("Anna Kovács");
  });

  it("leaves out a missing part without a stray space", () => {
    expect(formatName({ familyName: "Kovács", givenName: "" }, "en")).toBe("Kovács");
    expect(formatName({ familyName: "", givenName: "Anna" }, "hu")).toBe("Anna");
  });
});
