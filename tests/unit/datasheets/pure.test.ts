import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSearchText } from "@/lib/businesses/search-text";
import { formDataToInput, issuePath } from "@/lib/actions/form-data";
import { inputToFormData } from "@/lib/actions/to-form-data";
import { bulkChangeStatusSchema } from "@/lib/datasheets/assignment-schemas";
import { newClientSchema, updateFieldsSchema } from "@/lib/datasheets/schemas";
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

/** A form's FormData, as the browser would build it. */
function form(values: [string, string][]): FormData {
  const data = new FormData();
  for (const [k, v] of values) data.append(k, v);
  return data;
}

describe("New client (JSON, and a form through the one adapter)", () => {
  it("takes the business, contacts and placement as JSON; skips blank contact rows; names each bad input by its path", () => {
    const ok = newClientSchema.parse({
      business: { name: " Diófa Bútor Kft. " },
      moduleId: "m",
      contacts: [{ name: "Kiss Anna", email: "anna@diofa.hu" }, { name: "", email: "" }, { name: "Nagy Béla" }],
    });
    expect(ok.business).toEqual({ kind: "company", name: "Diófa Bútor Kft.", email: null, phone: null, taxNumber: null });
    expect(ok.contacts.map((c) => c.name)).toEqual(["Kiss Anna", "Nagy Béla"]);
    expect(ok.statusId).toBeNull();
    const bad = newClientSchema.safeParse({ business: { name: "X" }, moduleId: "m", contacts: [{ name: "Kiss Anna" }, { email: "nem-email", phone: "abc" }] });
    expect(bad.error?.issues.map((i) => [issuePath(i.path), i.message])).toEqual([
      ["contacts.1.name", "required"],
      ["contacts.1.email", "emailInvalid"],
      ["contacts.1.phone", "phoneInvalid"],
    ]);
  });

  it("reads the same from the New client form's FormData, holes and blank rows included", () => {
    const input = formDataToInput(
      form([
        ["business.kind", "person"],
        ["business.name", "Szabó Éva"],
        ["moduleId", "m"],
        ["contacts.0.name", "Kiss Anna"],
        ["contacts.1.name", ""],
        ["contacts.1.email", ""],
        ["contacts.3.name", "Nagy Béla"],
        ["responsibleUserId", ""],
      ]),
      newClientSchema,
    );
    const parsed = newClientSchema.parse(input);
    expect(parsed.business.kind).toBe("person");
    expect(parsed.contacts.map((c) => c.name)).toEqual(["Kiss Anna", "Nagy Béla"]);
    expect(parsed.responsibleUserId).toBeNull();
  });

  it("requires a name and a module, and checks email and phone", () => {
    const r = newClientSchema.safeParse({ business: { name: " ", email: "x@", phone: "12" }, moduleId: "" });
    expect(r.error?.issues.map((i) => [issuePath(i.path), i.message])).toEqual([
      ["business.name", "required"],
      ["business.email", "emailInvalid"],
      ["business.phone", "phoneInvalid"],
      ["moduleId", "required"],
    ]);
  });
});

describe("inline field edits", () => {
  it("take fields as an object; a form's money and multi select arrive in the same shape", () => {
    expect(updateFieldsSchema.parse({ datasheetId: "d", version: 4, fields: { size: 12, tags: ["a", "b"] } })).toEqual({
      datasheetId: "d",
      version: 4,
      fields: { size: 12, tags: ["a", "b"] },
    });
    const fromForm = formDataToInput(
      form([
        ["datasheetId", "d"],
        ["version", "4"],
        ["fields.size", "12"],
        ["fields.tags[]", ""],
        ["fields.tags[]", "a"],
        ["fields.tags[]", "b"],
        ["fields.none[]", ""],
        ["fields.budget.amount", "1500"],
        ["fields.budget.currency", "EUR"],
      ]),
      updateFieldsSchema,
    );
    expect(updateFieldsSchema.parse(fromForm)).toEqual({
      datasheetId: "d",
      version: 4,
      fields: { size: "12", tags: ["a", "b"], none: [], budget: { amount: "1500", currency: "EUR" } },
    });
  });

  it("need a whole version: a form's text is read as a number, JSON must be one", () => {
    expect(updateFieldsSchema.safeParse({ datasheetId: "d", version: "4", fields: {} }).success).toBe(false);
    expect(updateFieldsSchema.safeParse(formDataToInput(form([["datasheetId", "d"], ["version", "x"]]), updateFieldsSchema)).error?.issues[0]).toMatchObject({
      path: ["version"],
      message: "required",
    });
  });

  it("read anything that is not a form as an empty one, which the schema refuses (never a crash)", () => {
    for (const posted of [["x"], "text", null, { datasheetId: "d" }, 42]) {
      const input = formDataToInput(posted as unknown as FormData, updateFieldsSchema);
      expect(input).toEqual({});
      expect(updateFieldsSchema.safeParse(input).success).toBe(false);
    }
  });
});

describe("click actions", () => {
  it("send nested values that the adapter reads back unchanged", () => {
    const values = { datasheets: [{ id: "a", version: 2 }, { id: "b", version: 5 }], statusId: "s", userId: null, tags: ["x"], none: [] };
    const back = formDataToInput(inputToFormData(values), bulkChangeStatusSchema);
    expect(back).toEqual({ datasheets: [{ id: "a", version: 2 }, { id: "b", version: 5 }], statusId: "s", tags: ["x"], none: [] });
    expect(bulkChangeStatusSchema.parse(back).datasheets).toEqual(values.datasheets);
  });

  it("property: any JSON-shaped value of strings, numbers and arrays survives the trip", () => {
    const key = fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/);
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(fc.string({ minLength: 1 }), fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }))), (values) => {
        expect(formDataToInput(inputToFormData(values))).toEqual(values);
      }),
    );
  });
});

describe("todo form", () => {
  it("needs a deadline with a time", () => {
    expect(addTodoSchema.safeParse({ datasheetId: "d", text: "Hívás", dueAt: "2026-03-01" }).error?.issues[0]?.message).toBe("datetimeInvalid");
    expect(addTodoSchema.parse({ datasheetId: "d", text: "Hívás", dueAt: "2026-03-01T09:30:00.000Z" }).dueAt).toEqual(new Date("2026-03-01T09:30:00Z"));
  });
});
