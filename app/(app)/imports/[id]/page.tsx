import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireCapability } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { getImportProgress } from "@/lib/import/queries";
import { ImportProgressView } from "../_components/import-progress";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("import");
  return { title: t("historyTitle") };
}

/** One import: its progress while the job runs, then its summary and Undo. */
export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCapability("data.import");
  const t = await getTranslations("import");
  const { id } = await params;
  const progress = await getImportProgress(await getDb(), user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader title={t("progressTitle", { fileName: progress.fileName })} description={progress.moduleName ?? undefined} />
      <ImportProgressView initial={progress} />
    </div>
  );
}
