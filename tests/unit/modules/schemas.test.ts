import { describe, expect, it } from "vitest";
import { createFieldSchema, createStatusSchema, moveStatusSchema, removeOptionSchema, removeStatusSchema } from "@/lib/modules/schemas";

describe("module settings schemas", () => {
  it("normalise a colour from the form and refuse a bad one", () => {
    expect(createStatusSchema.parse({ groupId: "g", name: " Won ", color: "#0F0" })).toMatchObject({ name: "Won", color: "#00ff00" });
    const bad = createStatusSchema.safeParse({ groupId: "g", name: "Won", color: "green" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("colorInvalid");
  });

  it("read empty neighbour ids as none", () => {
    expect(moveStatusSchema.parse({ statusId: "s", groupId: "g", afterId: "", beforeId: "b" })).toEqual({
      statusId: "s",
      groupId: "g",
      afterId: undefined,
      beforeId: "b",
    });
    expect(removeStatusSchema.parse({ statusId: "s" }).moveToStatusId).toBeUndefined();
  });

  it("read checkboxes and currencies from form values", () => {
    const parsed = createFieldSchema.parse({ moduleId: "m", label: "Budget", type: "money", isRequired: "on", defaultCurrency: "eur" });
    expect(parsed).toMatchObject({ isRequired: true, defaultCurrency: "EUR", helpText: "" });
    expect(createFieldSchema.parse({ moduleId: "m", label: "Notes", type: "long_text" }).isRequired).toBe(false);
    expect(createFieldSchema.safeParse({ moduleId: "m", label: "Budget", type: "money", defaultCurrency: "XYZ" }).success).toBe(false);
    expect(createFieldSchema.safeParse({ moduleId: "m", label: "x", type: "formula" }).success).toBe(false);
  });

  it("refuse replacing and clearing an option at once", () => {
    const both = removeOptionSchema.safeParse({ optionId: "o", replaceWithOptionId: "p", clear: "true" });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0]).toMatchObject({ message: "replaceOrClear", path: ["replaceWithOptionId"] });
  });
});
