import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { hasAnyWorkspace } from "@/lib/workspaces/setup";
import { AuthCard } from "../_components/auth-card";
import { SetupForm } from "./setup-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("setup");
  return { title: t("title") };
}

export default async function SetupPage() {
  if (await hasAnyWorkspace(await getDb())) redirect("/login");
  const t = await getTranslations("setup");
  return (
    <AuthCard title={t("title")} description={t("description")}>
      <SetupForm />
    </AuthCard>
  );
}
