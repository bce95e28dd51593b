import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireCapability } from "@/lib/auth/actor";
import { NewUserForm } from "../_components/new-user-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users");
  return { title: t("new") };
}

export default async function NewUserPage() {
  // Admins only: the settings layout lets managers through to Import history.
  await requireCapability("settings.manage");
  const t = await getTranslations("users");
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <PageHeader title={t("new")} description={t("inviteDescription")} />
      <NewUserForm />
    </div>
  );
}
