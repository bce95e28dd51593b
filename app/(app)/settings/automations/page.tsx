import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireCapability } from "@/lib/auth/actor";
import { listModules } from "@/lib/modules/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("automations");
  return { title: t("title") };
}

/** Automations belong to a module: the first module's, or a word that there is none. */
export default async function AutomationsPage() {
  const user = await requireCapability("settings.manage");
  const [first] = await listModules(user);
  if (first) redirect(`/settings/automations/${first.id}`);
  const t = await getTranslations("automations");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState title={t("noModules")} description={t("noModulesText")} />
    </div>
  );
}
