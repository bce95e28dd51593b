import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireCapability } from "@/lib/auth/actor";
import { getModuleConfig, listModuleKinds, listModules } from "@/lib/modules/queries";
import { ModuleList, type ModuleRow } from "./_components/module-list";
import { NewModuleDialog } from "./_components/new-module-dialog";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("modules");
  return { title: t("title") };
}

export default async function ModulesPage() {
  const user = await requireCapability("settings.manage");
  const t = await getTranslations("modules");
  const modules = await listModules(user, { includeArchived: true });
  // A workspace has a handful of modules: one config read each is cheaper than a new query.
  const configs = await Promise.all(modules.map((m) => getModuleConfig(user, m.id)));
  const rows: ModuleRow[] = modules.map((m, i) => ({
    id: m.id,
    name: m.name,
    kind: m.kind,
    isArchived: Boolean(m.archivedAt),
    statusCount: configs[i]!.groups.reduce((n, g) => n + g.statuses.length, 0),
  }));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={<NewModuleDialog kinds={listModuleKinds(user.locale)} />}
      />
      <ModuleList modules={rows} />
    </div>
  );
}
