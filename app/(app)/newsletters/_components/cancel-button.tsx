"use client";
import { useTranslations } from "next-intl";
import { ConfirmActionButton } from "@/components/forms/confirm-action-button";
import { cancelNewsletterAction } from "../actions";

/** Stop, after a confirmation: what is not sent yet is not sent. */
export function CancelNewsletterButton({ newsletterId, name }: { newsletterId: string; name: string }) {
  const t = useTranslations("newsletters");
  return (
    <ConfirmActionButton
      action={cancelNewsletterAction}
      values={{ newsletterId }}
      text={{
        trigger: t("cancel"),
        triggerLabel: t("cancelLabel", { name }),
        title: t("cancelTitle", { name }),
        text: t("cancelText"),
        keep: t("keep"),
        confirm: t("cancelButton"),
        close: t("close"),
      }}
    />
  );
}
