import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { changePasswordSchema, createUserSchema } from "@/lib/users/schemas";

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
  password: "correct-horse-battery",
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

  it("rejects a password shorter than 10 characters", () => {
    expect(fieldErrors(createUserSchema.safeParse({ ...valid, password: "123456789" }))).toEqual({
      password: "passwordTooShort",
    });
    expect(createUserSchema.safeParse({ ...valid, password: "1234567890" }).success).toBe(true);
  });

  it("rejects the email as the password, whatever its case and spacing", () => {
    for (const password of ["anna@example.test", " ANNA@Example.test  "]) {
      expect(fieldErrors(createUserSchema.safeParse({ ...valid, password }))).toEqual({ password: "passwordIsEmail" });
    }
  });

  it("trims and lower-cases the email", () => {
    const result = createUserSchema.parse({ ...valid, email: "  Anna.Kovacs@Example.TEST " });
    expect(result.email).toBe("anna.kovacs@example.test");
  });

  it("accepts any password of 10 or more characters that is not the email", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 10, maxLength: 100 }), (password) => {
        fc.pre(password.trim().toLowerCase() !== valid.email);
        expect(fieldErrors(createUserSchema.safeParse({ ...valid, password }))).toEqual({});
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
