import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireCapability } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { getModuleConfig, type ModuleConfig } from "@/lib/modules/queries";
import { getStatusChecksOverview } from "@/lib/statuses/checks";
import { cn } from "@/lib/ui/cn";
import { FieldsEditor } from "../_components/fields-editor";
import { StatusChecks } from "../_components/status-checks";
import { StatusesEditor } from "../_components/statuses-editor";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string }> };

async function load(id: string): Promise<ModuleConfig> {
  const user = await requireCapability("settings.manage");
  try {
    return await getModuleConfig(user, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const config = await load((await params).id);
  return { title: config.module.name };
}

/** The automatic module's Status checks tab: its rule settings, the last run, a dry run, Run now. */
async function ChecksTab({ moduleId, config }: { moduleId: string; config: ModuleConfig }) {
  const user = await requireCapability("settings.manage");
  const overview = await getStatusChecksOverview(await getDb(), user, moduleId);
  const statusNames = Object.fromEntries(config.groups.flatMap((g) => g.statuses.map((s) => [s.key, s.name])));
  return <StatusChecks moduleId={moduleId} settings={overview.settings} statusNames={statusNames} lastRun={overview.lastRun} />;
}

export default async function ModulePage({ params, searchParams }: Props) {
  const { id } = await params;
  const config = await load(id);
  const asked = (await searchParams).tab;
  const isAutomatic = config.module.isAutomatic;
  const tab = asked === "fields" ? "fields" : asked === "checks" && isAutomatic ? "checks" : "statuses";
  const t = await getTranslations("modules");
  const tabs = [
    { key: "statuses", label: t("statuses"), href: `/settings/modules/${id}` },
    { key: "fields", label: t("fields"), href: `/settings/modules/${id}?tab=fields` },
    ...(isAutomatic ? [{ key: "checks", label: t("statusChecks"), href: `/settings/modules/${id}?tab=checks` }] : []),
  ];
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label={t("back")} className="text-sm">
        <Link href="/settings/modules" className="text-muted-foreground underline-offset-4 hover:underline">
          {t("back")}
        </Link>
      </nav>
      <PageHeader title={config.module.name} description={t(`kinds.${config.module.kind}`)} className="pb-0" />
      {config.module.archivedAt ? <Alert variant="info">{t("archivedNote")}</Alert> : null}
      <nav aria-label={t("tabs")} className="flex gap-1 border-b border-border">
        {tabs.map((item) => (
          <Link
            key={item.key}
            href={item.href}
            aria-current={tab === item.key ? "page" : undefined}
            className={cn(
              "-mb-px inline-flex h-10 items-center border-b-2 border-transparent px-3 text-sm font-medium text-muted-foreground",
              "rounded-t-md outline-none hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring",
              tab === item.key && "border-primary text-foreground",
            )}
          >
            {item.label}
          </Link>
        ))}
      </nav>
      {tab === "statuses" ? (
        <StatusesEditor moduleId={id} groups={config.groups} isAutomatic={config.module.isAutomatic} />
      ) : tab === "fields" ? (
        <FieldsEditor moduleId={id} fields={config.fields} />
      ) : (
        <ChecksTab moduleId={id} config={config} />
      )}
    </div>
  );
}
