"use client";
import { useTranslations } from "next-intl";
import { useRunAction } from "@/components/forms/use-run-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { backUpNowAction } from "../actions";

/** Back up now: the running app writes the backup (it owns the data folder). */
export function BackUpButton() {
  const t = useTranslations("workspaceSettings");
  const { run, error, saved, isPending } = useRunAction();
  return (
    <div className="space-y-2">
      {error ? (
        <Alert variant="error" role="alert">
          {error}
        </Alert>
      ) : null}
      <div className="flex items-center gap-3">
        <Button variant="outline" disabled={isPending} onClick={() => run(backUpNowAction, {})}>
          {t("backUpNow")}
        </Button>
        <span role="status" className="text-sm text-muted-foreground">
          {saved > 0 && !isPending ? t("backedUp") : ""}
        </span>
      </div>
    </div>
  );
}
