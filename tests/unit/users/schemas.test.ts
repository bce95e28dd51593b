import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { changePasswordSchema, createUserSchema, setPasswordSchema } from "@/lib/users/schemas";

/** Each field's first message, as the forms show them. */
function fieldErrors(result: z.ZodSafeParseResult<unknown>): Record<string, string> {
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

const valid = {
  familyName: "Kovács",
  givenName: "Anna",
  email: "anna@example.test",
  role: "normal",
};

describe("createUserSchema", () => {
  it("accepts a valid user", () => {
    expect(createUserSchema.safeParse(valid)).toMatchObject({ success: true, data: valid });
  });

  it("requires the names", () => {
    expect(fieldErrors(createUserSchema.safeParse({ ...valid, familyName: "", givenName: "   " }))).toEqual({
      familyName: "required",
      givenName: "required",
    });
  });

  it("rejects a malformed email", () => {
    for (const email of ["anna", "anna@", "@example.test", "anna example.test"]) {
      expect(fieldErrors(createUserSchema.safeParse({ ...valid, email }))).toEqual({ email: "emailInvalid" });
    }
  });

  it("takes no password: an admin never chooses one, the invitation lets the user do it", () => {
    const result = createUserSchema.parse({ ...valid, password: "chosen-by-the-admin" });
    expect(result).toEqual(valid);
    expect(result).not.toHaveProperty("password");
  });

  it("trims and lower-cases the email", () => {
    const result = createUserSchema.parse({ ...valid, email: "  Anna.Kovacs@Example.TEST " });
    expect(result.email).toBe("anna.kovacs@example.test");
  });
});

describe("setPasswordSchema (invitation and password reset links)", () => {
  const link = { token: "a-token", password: "correct-horse-battery", confirmPassword: "correct-horse-battery" };

  it("accepts a password of 10 or more characters typed twice", () => {
    expect(setPasswordSchema.safeParse(link)).toMatchObject({ success: true, data: link });
  });

  it("rejects a password shorter than 10 characters", () => {
    const short = { ...link, password: "123456789", confirmPassword: "123456789" };
    expect(fieldErrors(setPasswordSchema.safeParse(short))).toEqual({ password: "passwordTooShort" });
    expect(setPasswordSchema.safeParse({ ...link, password: "1234567890", confirmPassword: "1234567890" }).success).toBe(true);
  });

  it("reports a confirmation that does not match on the confirmation field", () => {
    expect(fieldErrors(setPasswordSchema.safeParse({ ...link, confirmPassword: "correct-horse-batterx" }))).toEqual({
      confirmPassword: "passwordMismatch",
    });
  });

  it("needs the link's token", () => {
    expect(fieldErrors(setPasswordSchema.safeParse({ ...link, token: "" }))).toEqual({ token: "required" });
  });

  it("accepts any password of 10 or more characters confirmed the same", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 10, maxLength: 100 }), (password) => {
        expect(fieldErrors(setPasswordSchema.safeParse({ token: "t", password, confirmPassword: password }))).toEqual({});
      }),
    );
  });
});

describe("changePasswordSchema", () => {
  it("reports a confirmation that does not match on the confirmation field", () => {
    const result = changePasswordSchema.safeParse({
      currentPassword: "old-password",
      newPassword: "a-new-password",
      confirmPassword: "a-new-passwore",
    });
    expect(fieldErrors(result)).toEqual({ confirmPassword: "passwordMismatch" });
  });

  it("accepts a matching confirmation", () => {
    const input = { currentPassword: "old-password", newPassword: "a-new-password", confirmPassword: "a-new-password" };
    expect(changePasswordSchema.safeParse(input)).toMatchObject({ success: true, data: input });
  });
});
