"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** A stale tab after a deploy ("Failed to find Server Action") asks for a reload, not a crash. */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  const isStale = /Server Action/i.test(error.message);
  return (
    <div role="alert" className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <h1 className="text-xl font-semibold">{t("errorTitle")}</h1>
      <p className="text-sm text-muted-foreground">{isStale ? t("staleText") : t("errorText")}</p>
      {isStale ? (
        <Button onClick={() => window.location.reload()}>{t("reload")}</Button>
      ) : (
        <Button onClick={reset}>{t("retry")}</Button>
      )}
    </div>
  );
}
