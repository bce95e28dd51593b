"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction } from "@/lib/actions/safe-action";
import { unstable_update } from "@/lib/auth/auth";
import { avatarRemoveSchema, avatarUploadSchema } from "@/lib/users/avatar-schema";
import { changeOwnPassword, setAvatar, updateOwnProfile } from "@/lib/users/mutations";
import { changePasswordSchema, updateOwnProfileSchema } from "@/lib/users/schemas";

export const updateOwnProfileAction = authedAction(updateOwnProfileSchema, async (input, user) => {
  await updateOwnProfile(user, input);
  revalidatePath("/", "layout");
  return null;
});

export const changePasswordAction = authedAction(changePasswordSchema, async (input, user) => {
  await changeOwnPassword(user, input);
  // This session takes the new version; every other session of the user ends. The redirect makes
  // the next render read the updated cookie (a re-render in this request would see the old one).
  await unstable_update({});
  redirect(`/profile?passwordChanged=${Date.now()}`);
});

export const uploadAvatarAction = authedAction(avatarUploadSchema, async ({ userId, avatar }, user) => {
  await setAvatar(user, userId, new Uint8Array(await avatar.arrayBuffer()));
  revalidatePath("/", "layout");
  return null;
});

export const removeAvatarAction = authedAction(avatarRemoveSchema, async ({ userId }, user) => {
  await setAvatar(user, userId, null);
  revalidatePath("/", "layout");
  return null;
});
