import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { findTokenHolder } from "@/lib/users/invitations";
import { AuthCard } from "../../_components/auth-card";
import { acceptInvitationAction } from "../actions";
import { LinkInvalid } from "../_components/link-invalid";
import { SetPasswordForm } from "../_components/set-password-form";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("passwordLinks");
  // The token is in the path: never hand it on to another site.
  return { title: t("inviteTitle"), referrer: "no-referrer" };
}

export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const t = await getTranslations("passwordLinks");
  const holder = await findTokenHolder("invitation", token);
  if (!holder) {
    return (
      <AuthCard title={t("inviteTitle")} description={t("linkInvalidDescription")}>
        <LinkInvalid />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("inviteTitle")} description={t("inviteDescription", { email: holder.email })}>
      <SetPasswordForm token={token} email={holder.email} action={acceptInvitationAction} submitLabel={t("inviteSubmit")} />
    </AuthCard>
  );
}
