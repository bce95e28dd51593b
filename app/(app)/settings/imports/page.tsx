import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireCapability } from "@/lib/auth/actor";
import { ImportHistory } from "../../imports/_components/import-history";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("import");
  return { title: t("historyTitle") };
}

/** Settings → Import history: the one settings page managers reach too (data.import), the rest being admins' (settings.manage). */
export default async function SettingsImportsPage() {
  return <ImportHistory user={await requireCapability("data.import")} />;
}
