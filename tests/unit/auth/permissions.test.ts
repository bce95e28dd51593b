import { describe, expect, it } from "vitest";
import { assertCan, can, capabilities, roles, type Capability } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/errors";
import type { Role } from "@/db/schema";

// SPEC §2, written out again by hand so that a change to the table in the code shows up here.
const expected: Record<Role, readonly Capability[]> = {
  admin: [
    "settings.manage",
    "datasheets.readAll",
    "reports.team",
    "data.import",
    "data.export",
    "data.bulkEdit",
    "campaigns.manage",
    "views.shareWithTeam",
    "email.readAll",
    "trash.readAll",
    "trash.purge",
  ],
  manager: [
    "datasheets.readAll",
    "reports.team",
    "data.import",
    "data.export",
    "data.bulkEdit",
    "campaigns.manage",
    "views.shareWithTeam",
    "email.readAll",
    "trash.readAll",
  ],
  normal: ["datasheets.readAll"],
  restricted: [],
};

describe("the role table (SPEC §2)", () => {
  it("knows the four roles", () => {
    expect([...roles]).toEqual(["admin", "manager", "normal", "restricted"]);
  });

  for (const role of ["admin", "manager", "normal", "restricted"] as const) {
    it(`grants ${role} exactly ${expected[role].length ? expected[role].join(", ") : "nothing"}`, () => {
      expect(capabilities.filter((c) => can({ role }, c))).toEqual(expected[role]);
    });
  }

  it("keeps settings to admins", () => {
    expect(roles.filter((role) => can({ role }, "settings.manage"))).toEqual(["admin"]);
  });
});

describe("assertCan", () => {
  it("throws ForbiddenError for a capability the role lacks", () => {
    expect(() => assertCan({ role: "manager" }, "settings.manage")).toThrow(ForbiddenError);
    expect(() => assertCan({ role: "normal" }, "data.export")).toThrow(ForbiddenError);
    for (const capability of capabilities) {
      expect(() => assertCan({ role: "restricted" }, capability)).toThrow(ForbiddenError);
    }
  });

  it("passes for a capability the role has", () => {
    for (const capability of capabilities) expect(() => assertCan({ role: "admin" }, capability)).not.toThrow();
    expect(() => assertCan({ role: "normal" }, "datasheets.readAll")).not.toThrow();
  });

  it("throws an error the action layer can turn into a message", () => {
    try {
      assertCan({ role: "normal" }, "settings.manage");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).code).toBe("forbidden");
    }
  });
});
