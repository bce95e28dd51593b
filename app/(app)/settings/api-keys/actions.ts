"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/api/schemas";

/** Answers the key itself, which the dialog shows once; only its hash stays on the server. */
export const createApiKeyAction = authedAction(createApiKeySchema, async (input, user) => {
  const { key } = await createApiKey(user, input);
  revalidatePath("/settings/api-keys");
  return { key };
});

export const revokeApiKeyAction = authedAction(revokeApiKeySchema, async ({ keyId }, user) => {
  await revokeApiKey(user, keyId);
  revalidatePath("/settings/api-keys");
  return null;
});
