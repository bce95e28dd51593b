import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireCapability } from "@/lib/auth/actor";
import { getEmailTemplate, templateModules } from "@/lib/email-templates/queries";
import { NotFoundError } from "@/lib/errors";
import { BackLink } from "../_components/back-link";
import { TemplateEditor } from "../_components/template-editor";

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  const user = await requireCapability("settings.manage");
  const db = await getDb();
  try {
    return { user, template: await getEmailTemplate(db, user, id), modules: await templateModules(db, user) };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("emailTemplateSettings");
  const { template } = await load((await params).id);
  return { title: t("editTitle", { name: template.name }) };
}

export default async function EditEmailTemplatePage({ params }: Props) {
  const t = await getTranslations("emailTemplateSettings");
  const { template, modules } = await load((await params).id);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <BackLink />
      <PageHeader title={t("editTitle", { name: template.name })} />
      <TemplateEditor key={template.id} template={template} modules={modules} />
    </div>
  );
}
