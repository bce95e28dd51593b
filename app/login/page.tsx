import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/actor";
import { hasAnyWorkspace } from "@/lib/workspaces/setup";
import { AuthCard } from "../_components/auth-card";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

type Props = { searchParams: Promise<{ passwordSet?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  if (!(await hasAnyWorkspace(await getDb()))) redirect("/setup");
  if (await getCurrentUser()) redirect("/");
  const t = await getTranslations();
  const { passwordSet } = await searchParams;
  return (
    <AuthCard title={t("auth.signInTitle")} description={t("auth.signInDescription")}>
      {passwordSet ? (
        <Alert variant="success" role="status" className="mb-4" data-testid="password-set">
          {t("passwordLinks.passwordSet")}
        </Alert>
      ) : null}
      <LoginForm />
      <p className="mt-4 text-center text-sm">
        <Link href="/forgot-password" className="text-muted-foreground underline-offset-4 hover:underline">
          {t("passwordLinks.forgotLink")}
        </Link>
      </p>
    </AuthCard>
  );
}
