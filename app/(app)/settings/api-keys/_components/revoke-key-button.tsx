"use client";
import { useTranslations } from "next-intl";
import { ConfirmActionButton } from "@/components/forms/confirm-action-button";
import { revokeApiKeyAction } from "../actions";

/** Revoke, after a confirmation: the key stops working at once and for good. */
export function RevokeKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const t = useTranslations("apiKeys");
  return (
    <ConfirmActionButton
      action={revokeApiKeyAction}
      values={{ keyId }}
      errorTestId="revoke-key-error"
      text={{
        trigger: t("revoke"),
        triggerLabel: t("revokeLabel", { name }),
        title: t("revokeTitle", { name }),
        text: t("revokeText"),
        keep: t("cancel"),
        confirm: t("revokeButton"),
        close: t("close"),
      }}
    />
  );
}
