import { describe, expect, it } from "vitest";
import { cellToFieldInput } from "@/lib/import/cells";
import { checkRow, duplicateKeyOf, type ImportField } from "@/lib/import/rows";
import { suggestMapping } from "@/lib/import/suggest";
import type { ColumnTarget } from "@/lib/import/targets";

describe("suggestMapping", () => {
  it("maps Hungarian headers", () => {
    expect(suggestMapping(["Cégnév", "E-mail", "Telefonszám", "Adószám", "Város", "Irányítószám", "Kapcsolattartó", "Beosztás", "Felelős"], [])).toEqual([
      "business.name",
      "business.email",
      "business.phone",
      "business.taxNumber",
      "business.city",
      "business.postalCode",
      "contact.name",
      "contact.position",
      "responsible",
    ]);
  });

  it("maps English headers, and a module field by its name", () => {
    const fields = [
      { key: "budget", name: "Budget" },
      { key: "source", name: "Lead source" },
    ];
    expect(suggestMapping(["Company", "Email", "Phone", "VAT number", "Website", "Lead source", "Budget", "Shoe size"], [], fields)).toEqual([
      "business.name",
      "business.email",
      "business.phone",
      "business.taxNumber",
      "business.website",
      "field.source",
      "field.budget",
      "",
    ]);
  });

  it("suggests from the values when there is no header, and each target once", () => {
    const sample = [
      ["Acme Kft.", "info@acme.hu", "+36 1 234 5678", "12345678-2-41", "kiss@acme.hu"],
      ["Beta Bt.", "hello@beta.hu", "06 30 123 4567", "87654321-1-13", "nagy@beta.hu"],
    ];
    expect(suggestMapping(["", "", "", "", ""], sample)).toEqual(["", "business.email", "business.phone", "business.taxNumber", "contact.email"]);
  });
});

describe("cellToFieldInput", () => {
  const options = [
    { key: "hot", label: "Forró" },
    { key: "cold", label: "Hideg" },
  ];
  it("reads options by label or key, yes and no words, Hungarian numbers and dates", () => {
    expect(cellToFieldInput("single_select", " forró ", { options })).toBe("hot");
    expect(cellToFieldInput("multi_select", "Forró; cold", { options })).toEqual(["hot", "cold"]);
    expect(cellToFieldInput("checkbox", "Igen")).toBe(true);
    expect(cellToFieldInput("checkbox", "nem")).toBe(false);
    expect(cellToFieldInput("number", "1 234,56")).toBe("1234.56");
    expect(cellToFieldInput("money", "1 234 Ft")).toEqual({ amount: "1234", currency: "HUF" });
    expect(cellToFieldInput("date", "2026.11.29.")).toBe("2026-11-29");
    expect(cellToFieldInput("datetime", "2026.11.29. 14:30", { toInstant: (w) => `${w}+01:00` })).toBe("2026-11-29T14:30:00+01:00");
  });
});

describe("checkRow", () => {
  const fields = new Map<string, ImportField>([
    ["budget", { key: "budget", type: "money", options: [] }],
    ["due", { key: "due", type: "date", options: [] }],
    ["temp", { key: "temp", type: "single_select", options: [{ key: "hot", label: "Forró" }] }],
  ]);
  const users = new Map([["anna@x.hu", "user-anna"]]);
  const mapping: ColumnTarget[] = ["business.name", "business.email", "contact.name", "field.budget", "field.due", "field.temp", "responsible", ""];

  it("makes a client of a good row", () => {
    const row = checkRow(["Őz Kft.", "INFO@oz.hu", "Kiss Anna", "1 234,50", "2026.11.29.", "Forró", "anna@x.hu", "ignored"], mapping, { fields, users });
    expect(row).toEqual({
      ok: true,
      data: {
        business: expect.objectContaining({ kind: "company", name: "Őz Kft.", email: "INFO@oz.hu" }),
        contacts: [expect.objectContaining({ name: "Kiss Anna" })],
        fields: { budget: { amount: "1234.50", currency: "HUF" }, due: "2026-11-29", temp: "hot" },
        responsibleUserId: "user-anna",
      },
    });
    if (row.ok) expect(duplicateKeyOf(row.data, "email")).toBe("info@oz.hu");
  });

  it("names every bad cell's column and reason", () => {
    const row = checkRow(["Őz Kft.", "not-an-email", "", "sok", "2026.02.30.", "Langyos", "nobody@x.hu", ""], mapping, { fields, users });
    expect(row).toEqual({
      ok: false,
      problems: expect.arrayContaining([
        { column: 1, reason: "emailInvalid" },
        { column: 3, reason: "moneyInvalid" },
        { column: 4, reason: "dateInvalid" },
        { column: 5, reason: "optionInvalid" },
        { column: 6, reason: "userInvalid" },
      ]),
    });
    if (!row.ok) expect(row.problems).toHaveLength(5);
  });

  it("makes a person of a row with a contact and no company, and refuses a row with neither", () => {
    const person = checkRow(["", "", "Kiss Anna", "", "", "", "", ""], mapping, { fields, users });
    expect(person.ok && person.data.business).toMatchObject({ kind: "person", name: "Kiss Anna" });
    expect(checkRow(["", "a@b.hu", "", "", "", "", "", ""], mapping, { fields, users })).toEqual({
      ok: false,
      problems: [{ column: 0, reason: "nameMissing" }],
    });
  });
});
