import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireCapability } from "@/lib/auth/actor";
import { getAutomationsPage } from "@/lib/automations/queries";
import { NotFoundError } from "@/lib/errors";
import { AutomationBuilder } from "../../_components/automation-builder";

type Props = { params: Promise<{ moduleId: string; automationId: string }> };

/** The module's automations page data and the one being edited ("new": none yet); a trashed or foreign one is not found. */
async function load(moduleId: string, automationId: string) {
  const user = await requireCapability("settings.manage");
  try {
    const page = await getAutomationsPage(await getDb(), user, moduleId, user.locale);
    const automation = automationId === "new" ? null : page.automations.find((a) => a.id === automationId && !a.deletedAt);
    if (automation === undefined) notFound();
    return { page, automation };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { moduleId, automationId } = await params;
  const t = await getTranslations("automations");
  const { automation } = await load(moduleId, automationId);
  return { title: automation ? automation.name : t("newTitle") };
}

export default async function AutomationEditorPage({ params }: Props) {
  const { moduleId, automationId } = await params;
  const { page, automation } = await load(moduleId, automationId);
  const t = await getTranslations("automations");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label={t("back")} className="text-sm">
        <Link href={`/settings/automations/${moduleId}`} className="text-muted-foreground underline-offset-4 hover:underline">
          {t("back")}
        </Link>
      </nav>
      <PageHeader title={automation ? t("editTitle") : t("newTitle")} description={page.module.name} className="pb-0" />
      <AutomationBuilder
        key={automation ? `${automation.id}:${automation.version}:${automation.isActive}` : "new"}
        moduleId={moduleId}
        automation={automation}
        options={{ statuses: page.statuses, views: page.views, templates: page.templates, users: page.users }}
      />
    </div>
  );
}
