"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction } from "@/lib/actions/safe-action";
import { resendInvitation } from "@/lib/users/invitations";
import { createUser, setUserActive, updateUser } from "@/lib/users/mutations";
import { createUserSchema, setActiveSchema, updateUserSchema } from "@/lib/users/schemas";
import { z } from "zod";

export const createUserAction = authedAction(createUserSchema, async (input, user) => {
  const { id } = await createUser(user, input);
  revalidatePath("/settings/users");
  redirect(`/settings/users/${id}?created=1`);
});

export const updateUserAction = authedAction(updateUserSchema.extend({ userId: z.string() }), async ({ userId, ...input }, user) => {
  await updateUser(user, userId, input);
  revalidatePath("/settings/users", "layout");
  return null;
});

export const setUserActiveAction = authedAction(setActiveSchema.extend({ userId: z.string() }), async ({ userId, isActive }, user) => {
  await setUserActive(user, userId, isActive);
  revalidatePath("/settings/users", "layout");
  return null;
});

export const resendInvitationAction = authedAction(z.object({ userId: z.string() }), async ({ userId }, user) => {
  await resendInvitation(user, userId);
  revalidatePath("/settings/users", "layout");
  return null;
});
