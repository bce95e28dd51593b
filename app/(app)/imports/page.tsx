import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireCapability } from "@/lib/auth/actor";
import { ImportHistory } from "./_components/import-history";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("import");
  return { title: t("historyTitle") };
}

/** Import history (admins and managers; also under Settings). */
export default async function ImportsPage() {
  return <ImportHistory user={await requireCapability("data.import")} />;
}
