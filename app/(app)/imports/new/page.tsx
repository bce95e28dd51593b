import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireCapability } from "@/lib/auth/actor";
import { getNewClientOptions } from "@/lib/datasheets/new-client-options";
import { ImportWizard } from "../_components/import-wizard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("import");
  return { title: t("title") };
}

/** New client → Import: the wizard, for admins and managers (SPEC §2). */
export default async function NewImportPage() {
  const user = await requireCapability("data.import");
  const t = await getTranslations("import");
  const { modules, team } = await getNewClientOptions(user);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      {modules.length ? <ImportWizard modules={modules} team={team} /> : <EmptyState title={t("title")} description={t("empty")} />}
    </div>
  );
}
