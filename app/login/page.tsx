import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/actor";
import { hasAnyWorkspace } from "@/lib/workspaces/setup";
import { AuthCard } from "../_components/auth-card";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

export default async function LoginPage() {
  if (!(await hasAnyWorkspace(await getDb()))) redirect("/setup");
  if (await getCurrentUser()) redirect("/");
  const t = await getTranslations("auth");
  return (
    <AuthCard title={t("signInTitle")} description={t("signInDescription")}>
      <LoginForm />
    </AuthCard>
  );
}
