import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "../_components/auth-card";
import { ForgotPasswordForm } from "./forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("passwordLinks");
  return { title: t("forgotTitle") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("passwordLinks");
  return (
    <AuthCard title={t("forgotTitle")} description={t("forgotDescription")}>
      <ForgotPasswordForm />
    </AuthCard>
  );
}
