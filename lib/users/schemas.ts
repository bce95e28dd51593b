import { z } from "zod";
import { roles } from "@/lib/auth/permissions";

// Messages are catalog keys under `validation.`; the forms translate them.
const personName = z.string().trim().min(1, "required").max(100, "tooLong");
export const emailField = z.string().trim().min(1, "required").max(320, "tooLong").toLowerCase().email("emailInvalid");
export const passwordField = z.string().min(10, "passwordTooShort").max(200, "tooLong");
const localeField = z.enum(["en", "hu"], "required");
const optionalLocale = z
  .enum(["en", "hu", ""], "required")
  .transform((v) => (v === "" ? null : v));
const signatureField = z.string().max(5000, "tooLong");
const roleField = z.enum(roles as ["admin", "manager", "normal", "restricted"], "required");

function passwordNotEmail<T extends { email: string; password: string }>(schema: z.ZodType<T>) {
  return schema.refine((v) => v.password.trim().toLowerCase() !== v.email, {
    message: "passwordIsEmail",
    path: ["password"],
  });
}

/** No password: the new user chooses one through the invitation email's link. */
export const createUserSchema = z.object({ familyName: personName, givenName: personName, email: emailField, role: roleField });
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** The invitation and password reset pages. Whether the password is the email, the service checks. */
export const setPasswordSchema = z
  .object({
    token: z.string().min(1, "required").max(200, "tooLong"),
    password: passwordField,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { message: "passwordMismatch", path: ["confirmPassword"] });
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;

export const forgotPasswordSchema = z.object({ email: emailField });

/** What every user may change about themselves. */
export const updateOwnProfileSchema = z.object({
  familyName: personName,
  givenName: personName,
  signature: signatureField,
  locale: optionalLocale,
});
export type UpdateOwnProfileInput = z.infer<typeof updateOwnProfileSchema>;

/** What an admin may change about any user of the workspace. */
export const updateUserSchema = z.object({
  familyName: personName,
  givenName: personName,
  email: emailField,
  signature: signatureField,
  role: roleField,
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "required").max(500, "tooLong"),
    newPassword: passwordField,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "passwordMismatch", path: ["confirmPassword"] });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const setActiveSchema = z.object({ isActive: z.enum(["true", "false"]).transform((v) => v === "true") });

export const createWorkspaceSchema = passwordNotEmail(
  z.object({
    companyName: z.string().trim().min(1, "required").max(200, "tooLong"),
    locale: localeField,
    familyName: personName,
    givenName: personName,
    email: emailField,
    password: passwordField,
  }),
);
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceSchema>;

export const signInSchema = z.object({
  email: z.string().trim().min(1, "required").max(320, "tooLong"),
  password: z.string().min(1, "required").max(500, "tooLong"),
});
