"use client";
import { useTranslations } from "next-intl";
import { fieldErrorsOf, FormStatus } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { UserAvatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { avatarRemoveSchema, avatarUploadSchema } from "@/lib/users/avatar-schema";
import { removeAvatarAction, uploadAvatarAction } from "../profile/actions";

export function AvatarForm({ userId, name, src }: { userId: string; name: string; src: string | null }) {
  const t = useTranslations();
  const upload = useFormAction(avatarUploadSchema, uploadAvatarAction);
  const remove = useFormAction(avatarRemoveSchema, removeAvatarAction);
  const errorKey = fieldErrorsOf(upload.state)?.avatar;
  const error = errorKey ? t(`validation.${errorKey}`) : undefined;
  const hint = t("profile.pictureHint");
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
      <UserAvatar name={name} src={src} size="lg" className="size-16 text-lg" />
      <div className="min-w-0 flex-1 space-y-3">
        <form onSubmit={upload.onSubmit} className="space-y-3" noValidate>
          <input type="hidden" name="userId" value={userId} />
          <Field label={t("profile.picture")} htmlFor="avatar" error={error} hint={hint}>
            <Input
              id="avatar"
              name="avatar"
              type="file"
              accept="image/png,image/jpeg,image/webp"
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy("avatar", { error, hint })}
            />
          </Field>
          <FormStatus state={upload.state} success={t("profile.pictureSaved")} />
          <div className="flex gap-2">
            <Button type="submit" variant="outline" disabled={upload.isPending}>
              {t("profile.upload")}
            </Button>
          </div>
        </form>
        {src ? (
          <form onSubmit={remove.onSubmit}>
            <input type="hidden" name="userId" value={userId} />
            <Button type="submit" variant="ghost" size="sm" disabled={remove.isPending}>
              {t("profile.removePicture")}
            </Button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
