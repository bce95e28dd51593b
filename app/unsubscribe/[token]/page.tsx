import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { unsubscribeTarget } from "@/lib/email/tracking";
import { AuthCard } from "../../_components/auth-card";
import { unsubscribeAction } from "../actions";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("unsubscribe");
  return { title: t("title"), referrer: "no-referrer", robots: { index: false } };
}

/** The page behind the footer link of a marketing email: confirm, then done. */
export default async function UnsubscribePage({ params }: Props) {
  const { token } = await params;
  const target = await unsubscribeTarget(await getDb(), token);
  if (!target) notFound();
  const t = await getTranslations("unsubscribe");
  return (
    <AuthCard title={t("title")} description={t("description", { workspace: target.workspaceName, address: target.address })}>
      {target.isUnsubscribed ? (
        <Alert variant="success" role="status" data-testid="unsubscribed">
          {t("done", { workspace: target.workspaceName })}
        </Alert>
      ) : (
        <form action={unsubscribeAction}>
          <input type="hidden" name="token" value={token} />
          <Button isPrimaryAction type="submit" className="w-full">
            {t("confirm")}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
