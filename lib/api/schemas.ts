import { z } from "zod";

/*
 * Settings → API keys: the inputs, shared by the dialog's pre-check in the browser, the actions
 * and the services (zod only: the browser loads this file).
 */

export const createApiKeySchema = z.object({
  name: z.string("required").trim().min(1, "required").max(100, "tooLong"),
  userId: z.string("required").trim().min(1, "userInvalid"),
});
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({
  keyId: z.string("required").trim().min(1, "required"),
});
export type RevokeApiKeyInput = z.output<typeof revokeApiKeySchema>;
