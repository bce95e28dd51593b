import { describe, expect, it } from "vitest";
import { demoLocale } from "@/lib/demo/locale";

describe("the demo workspace's language", () => {
  it("is CRM_DEMO_LOCALE when set, whatever the system language", () => {
    expect(demoLocale({ CRM_DEMO_LOCALE: "hu", LANG: "en_US.UTF-8" })).toBe("hu");
    expect(demoLocale({ CRM_DEMO_LOCALE: "en", LC_ALL: "hu_HU.UTF-8" })).toBe("en");
    expect(demoLocale({ CRM_DEMO_LOCALE: " HU " })).toBe("hu");
  });

  it("follows the first start's system language when unset: LC_ALL, then LC_MESSAGES, then LANG", () => {
    expect(demoLocale({ LANG: "hu_HU.UTF-8" })).toBe("hu");
    expect(demoLocale({ LC_MESSAGES: "hu_HU.UTF-8", LANG: "en_GB.UTF-8" })).toBe("hu");
    expect(demoLocale({ LC_ALL: "C.UTF-8", LANG: "hu_HU.UTF-8" })).toBe("en");
    expect(demoLocale({ LC_ALL: "", LC_MESSAGES: "", LANG: "hu" })).toBe("hu");
    expect(demoLocale({ CRM_DEMO_LOCALE: "", LANG: "hu_HU" })).toBe("hu");
    expect(demoLocale({ LANG: "de_DE.UTF-8" })).toBe("en");
    expect(demoLocale({})).toBe("en");
  });

  it("refuses a language the app does not have, naming the variable and the choices", () => {
    expect(() => demoLocale({ CRM_DEMO_LOCALE: "de" })).toThrow('CRM_DEMO_LOCALE="de" is not a language of the demo workspace: set it to en or hu');
    expect(() => demoLocale({ CRM_DEMO_LOCALE: "hungarian", LANG: "hu_HU.UTF-8" })).toThrow(/CRM_DEMO_LOCALE.*en or hu/);
  });
});
