import { z } from "zod";
import { MAX_AVATAR_BYTES } from "./image";

/** The client checks the size; the server checks size and content (lib/users/image.ts). */
export const avatarUploadSchema = z.object({
  userId: z.string(),
  avatar: z
    .instanceof(File, { message: "required" })
    .refine((f) => f.size > 0, "required")
    .refine((f) => f.size <= MAX_AVATAR_BYTES, "imageTooLarge"),
});
export const avatarRemoveSchema = z.object({ userId: z.string() });
