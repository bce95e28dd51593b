import { describe, expect, it } from "vitest";
import { pickLocale } from "@/lib/i18n/locales";

describe("pickLocale", () => {
  it("follows the cookie over the browser", () => {
    expect(pickLocale("hu", "en-US,en;q=0.9")).toBe("hu");
    expect(pickLocale("en", "hu-HU,hu;q=0.9")).toBe("en");
  });

  it("ignores a cookie naming an unsupported language", () => {
    expect(pickLocale("de", "hu-HU,hu;q=0.9")).toBe("hu");
  });

  it("takes the browser's first supported language", () => {
    expect(pickLocale(undefined, "hu-HU,hu;q=0.9")).toBe("hu");
    expect(pickLocale(undefined, "de-DE,de;q=0.9,hu;q=0.8,en;q=0.7")).toBe("hu");
    expect(pickLocale(undefined, "HU")).toBe("hu");
  });

  it("falls back to English", () => {
    expect(pickLocale(undefined, "de-DE,fr;q=0.5")).toBe("en");
    expect(pickLocale(undefined, "*")).toBe("en");
    expect(pickLocale(undefined, "")).toBe("en");
    expect(pickLocale(undefined, null)).toBe("en");
  });
});
