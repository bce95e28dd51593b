"use client";
import { useTranslations } from "next-intl";
import { z } from "zod";
import { FormStatus } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { resendInvitationAction } from "../actions";

const schema = z.object({ userId: z.string() });

export function ResendInvitationForm({ userId }: { userId: string }) {
  const t = useTranslations("users");
  const { state, onSubmit, isPending } = useFormAction(schema, resendInvitationAction);
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <FormStatus state={state} success={t("invitationResent")} />
      <input type="hidden" name="userId" value={userId} />
      <Button type="submit" variant="outline" disabled={isPending}>
        {t("resendInvitation")}
      </Button>
    </form>
  );
}
