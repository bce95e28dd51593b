import { describe, expect, it } from "vitest";
import { canonicalTimeZone, updateWorkspaceSettingsSchema } from "@/lib/workspaces/schemas";

const valid = {
  name: "Demo Bútor Kft.",
  locale: "hu",
  timeZone: "Europe/Budapest",
  currency: "HUF",
  emailSenderName: "",
  emailReplyTo: "",
  trashRetentionDays: "30",
};

function errorsOf(values: Record<string, unknown>) {
  const result = updateWorkspaceSettingsSchema.safeParse({ ...valid, ...values });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
}

describe("Settings → Workspace input", () => {
  it("reads the form: empty sender fields are none, the currency upper case, the days a number", () => {
    expect(updateWorkspaceSettingsSchema.parse({ ...valid, currency: " eur ", emailReplyTo: " Iroda@Example.HU " })).toEqual({
      name: "Demo Bútor Kft.",
      locale: "hu",
      timeZone: "Europe/Budapest",
      currency: "EUR",
      emailSenderName: null,
      emailReplyTo: "iroda@example.hu",
      trashRetentionDays: 30,
    });
  });

  it("takes IANA zones far from UTC in their canonical spelling, and refuses offsets and unknown names", () => {
    expect(canonicalTimeZone("Pacific/Auckland")).toBe("Pacific/Auckland");
    expect(canonicalTimeZone("america/los_angeles")).toBe("America/Los_Angeles");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("Etc/GMT-14")).toBeNull();
    expect(canonicalTimeZone("GMT+1")).toBeNull();
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(errorsOf({ timeZone: "Mars/Olympus_Mons" })).toEqual({ timeZone: "timeZoneInvalid" });
    expect(errorsOf({ timeZone: "" })).toEqual({ timeZone: "required" });
  });

  it("names each bad field", () => {
    expect(errorsOf({ name: " " })).toEqual({ name: "required" });
    expect(errorsOf({ locale: "de" })).toEqual({ locale: "required" });
    expect(errorsOf({ currency: "XYZ" })).toEqual({ currency: "currencyInvalid" });
    expect(errorsOf({ currency: "EURO" })).toEqual({ currency: "currencyInvalid" });
    expect(errorsOf({ emailReplyTo: "not an address" })).toEqual({ emailReplyTo: "emailInvalid" });
    expect(errorsOf({ emailSenderName: 'Evil" <x@y.z>' })).toEqual({ emailSenderName: "senderNameInvalid" });
    expect(errorsOf({ trashRetentionDays: "0" })).toEqual({ trashRetentionDays: "retentionRange" });
    expect(errorsOf({ trashRetentionDays: "3651" })).toEqual({ trashRetentionDays: "retentionRange" });
    expect(errorsOf({ trashRetentionDays: "1.5" })).toEqual({ trashRetentionDays: "wholeDaysInvalid" });
    expect(errorsOf({ trashRetentionDays: "soon" })).toEqual({ trashRetentionDays: "numberInvalid" });
  });
});
