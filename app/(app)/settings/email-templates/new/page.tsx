import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireCapability } from "@/lib/auth/actor";
import { templateModules } from "@/lib/email-templates/queries";
import { BackLink } from "../_components/back-link";
import { TemplateEditor } from "../_components/template-editor";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("emailTemplateSettings");
  return { title: t("newTitle") };
}

export default async function NewEmailTemplatePage() {
  const user = await requireCapability("settings.manage");
  const t = await getTranslations("emailTemplateSettings");
  const modules = await templateModules(await getDb(), user);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <BackLink />
      <PageHeader title={t("newTitle")} />
      {modules.length ? <TemplateEditor template={null} modules={modules} /> : <EmptyState title={t("noModules")} />}
    </div>
  );
}
