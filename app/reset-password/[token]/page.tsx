import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { findTokenHolder } from "@/lib/users/invitations";
import { AuthCard } from "../../_components/auth-card";
import { resetPasswordAction } from "../../invite/actions";
import { LinkInvalid } from "../../invite/_components/link-invalid";
import { SetPasswordForm } from "../../invite/_components/set-password-form";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("passwordLinks");
  return { title: t("resetTitle"), referrer: "no-referrer" };
}

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  const t = await getTranslations("passwordLinks");
  const holder = await findTokenHolder("password_reset", token);
  if (!holder) {
    return (
      <AuthCard title={t("resetTitle")} description={t("linkInvalidDescription")}>
        <LinkInvalid />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("resetTitle")} description={t("resetDescription", { email: holder.email })}>
      <SetPasswordForm token={token} email={holder.email} action={resetPasswordAction} submitLabel={t("resetSubmit")} />
    </AuthCard>
  );
}
