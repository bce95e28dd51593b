import Link from "next/link";
import { ChevronLeft } from "lucide-react";
import { getTranslations } from "next-intl/server";

export async function BackLink() {
  const t = await getTranslations("emailTemplateSettings");
  return (
    <Link
      href="/settings/email-templates"
      className="inline-flex items-center gap-1 text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
    >
      <ChevronLeft aria-hidden="true" className="size-4" />
      {t("back")}
    </Link>
  );
}
