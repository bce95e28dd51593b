import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSearchText } from "@/lib/businesses/search-text";
import { newClientSchema, updateFieldsSchema } from "@/lib/datasheets/schemas";
import { isContact } from "@/lib/history/contact";
import { addTodoSchema } from "@/lib/todos/schemas";

describe("search text", () => {
  it("holds the business's and its contacts' names, emails, phones and tax number, lower-cased", () => {
    const text = buildSearchText(
      { name: "Ágas-Bogas  Kft.", email: "Info@AgasBogas.hu", phone: "+36 1 234-5678", taxNumber: "12345678-2-42" },
      [{ name: "Őri Ödön", email: null, phone: "06 30 123 4567" }],
    );
    expect(text).toBe("ágas-bogas kft. info@agasbogas.hu +36 1 234-5678 12345678-2-42 őri ödön 06 30 123 4567 3612345678 06301234567");
  });

  it("is always lower case and never has double spaces", () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.record({ name: fc.string(), email: fc.option(fc.string()), phone: fc.option(fc.string()) })), (name, people) => {
        const text = buildSearchText({ name }, people);
        expect(text).toBe(text.toLowerCase());
        expect(text).not.toMatch(/\s{2}/);
      }),
    );
  });
});

describe("contact (SPEC §3.1)", () => {
  it("counts a user's activity, not an automation's email", () => {
    for (const kind of ["note", "call", "meeting", "email_received", "todo_done"] as const) {
      expect(isContact({ kind, authorUserId: null }), kind).toBe(true);
    }
    expect(isContact({ kind: "email_sent", authorUserId: "u" })).toBe(true);
    expect(isContact({ kind: "email_sent", authorUserId: null })).toBe(false);
    expect(isContact({ kind: "status_changed", authorUserId: "u" })).toBe(false);
    expect(isContact({ kind: "system", authorUserId: "u" })).toBe(false);
  });
});

describe("New client form", () => {
  it("gathers contact rows, skips blank ones, and names each bad input by its row", () => {
    const ok = newClientSchema.parse({
      name: " Diófa Bútor Kft. ",
      moduleId: "m",
      "contacts.0.name": "Kiss Anna",
      "contacts.0.email": "anna@diofa.hu",
      "contacts.1.name": "",
      "contacts.1.email": "",
      "contacts.3.name": "Nagy Béla",
    });
    expect(ok.business.name).toBe("Diófa Bútor Kft.");
    expect(ok.contacts.map((c) => c.name)).toEqual(["Kiss Anna", "Nagy Béla"]);
    expect(ok.statusId).toBeNull();
    const bad = newClientSchema.safeParse({ name: "X", moduleId: "m", "contacts.2.email": "nem-email", "contacts.2.phone": "abc" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["contacts.2.name", "required"],
      ["contacts.2.email", "emailInvalid"],
      ["contacts.2.phone", "phoneInvalid"],
    ]);
  });

  it("requires a name and a module, and checks email and phone", () => {
    const r = newClientSchema.safeParse({ name: " ", moduleId: "", email: "x@", phone: "12" });
    expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["name", "required"],
      ["email", "emailInvalid"],
      ["phone", "phoneInvalid"],
      ["moduleId", "required"],
    ]);
  });
});

describe("inline field form", () => {
  it("takes fields.<key> values, multi selects as JSON arrays", () => {
    expect(updateFieldsSchema.parse({ datasheetId: "d", version: "4", "fields.size": "12", "fields.tags": '["a","b"]', other: "x" })).toEqual({
      datasheetId: "d",
      version: 4,
      values: { size: "12", tags: ["a", "b"] },
    });
    expect(updateFieldsSchema.parse({ datasheetId: "d", version: "1", "fields.budget": "1500", "fields.budget.currency": "EUR" }).values).toEqual({
      budget: { amount: "1500", currency: "EUR" },
    });
  });
});

describe("todo form", () => {
  it("needs a deadline with a time", () => {
    expect(addTodoSchema.safeParse({ datasheetId: "d", text: "Hívás", dueAt: "2026-03-01" }).error?.issues[0]?.message).toBe("datetimeInvalid");
    expect(addTodoSchema.parse({ datasheetId: "d", text: "Hívás", dueAt: "2026-03-01T09:30:00.000Z" }).dueAt).toEqual(new Date("2026-03-01T09:30:00Z"));
  });
});
