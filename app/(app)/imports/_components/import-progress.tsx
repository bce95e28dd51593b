"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ImportProgress } from "@/lib/import/queries";
import { importProgressAction, undoImportAction } from "../actions";
import { ImportCounts } from "./report-step";
import { useImportMessage } from "./use-import-message";

/**
 * An import's progress, read from the server every second while its job runs — the job goes on
 * without this page, and the page picks it up again whenever it is opened — then its summary:
 * counts, the failed rows, the imported clients, and Undo.
 */
export function ImportProgressView({ initial }: { initial: ImportProgress }) {
  const t = useTranslations("import");
  const translate = useTranslations();
  const router = useRouter();
  const message = useImportMessage();
  const [progress, setProgress] = useState(initial);
  const [isConfirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const isRunning = progress.status === "queued" || progress.status === "running";

  useEffect(() => {
    if (!isRunning) return;
    const timer = setInterval(async () => {
      const result = await importProgressAction({ importId: progress.id });
      if (result.ok) setProgress(result.data);
    }, 1000);
    return () => clearInterval(timer);
  }, [isRunning, progress.id]);

  const total = progress.total ?? 0;
  // A failure's reason is a message code when the service named one, else the error's own text.
  const reasonText = (reason: string | null) => (reason && translate.has(`errors.${reason}`) ? translate(`errors.${reason}`) : (reason ?? ""));
  const percent = total ? Math.floor((progress.processed / total) * 100) : 0;

  const undo = () =>
    startTransition(async () => {
      const result = await undoImportAction({ importId: progress.id });
      if (!result.ok) return setError(message(result));
      setConfirming(false);
      const next = await importProgressAction({ importId: progress.id });
      if (next.ok) setProgress(next.data);
      router.refresh();
    });

  return (
    <div className="space-y-5">
      <div className="space-y-2">
        <div className="flex items-center justify-between text-sm">
          <span className="font-medium" data-testid="import-status">
            {t(`statuses.${progress.status}`)}
          </span>
          <span className="tabular-nums text-muted-foreground">{t("progressText", { processed: progress.processed, total })}</span>
        </div>
        <div
          role="progressbar"
          aria-label={t("progressLabel")}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={t("progressText", { processed: progress.processed, total })}
          className="h-2.5 overflow-hidden rounded-full bg-muted"
        >
          <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
        </div>
        {isRunning ? <p className="text-sm text-muted-foreground">{t("runsInBackground")}</p> : null}
        {progress.status === "running" && progress.error ? <p className="text-sm text-warning">{t("lastError", { error: progress.error })}</p> : null}
      </div>
      {progress.status === "failed" ? (
        <Alert variant="error" title={t("stoppedTitle")} data-testid="import-failed">
          <p>{t("stoppedReason", { reason: reasonText(progress.error) })}</p>
          <p>
            {progress.created + progress.updated > 0
              ? t("stoppedWritten", { created: progress.created, updated: progress.updated, processed: progress.processed, total })
              : t("stoppedNothing")}
          </p>
        </Alert>
      ) : null}

      <section className="space-y-3" aria-labelledby="import-summary">
        <h2 id="import-summary" className="text-base font-semibold">
          {t("summaryTitle")}
        </h2>
        <ImportCounts counts={progress} />
        <div className="flex flex-wrap gap-2">
          {progress.failed > 0 ? (
            <Button asChild variant="outline" size="sm">
              <a href={`/api/imports/${progress.id}/failed`} download>
                {t("downloadFailed")}
              </a>
            </Button>
          ) : null}
          {progress.moduleId && progress.created + progress.updated > 0 && progress.status !== "undone" ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/modules/${progress.moduleId}?import=${progress.id}`}>{t("showImported")}</Link>
            </Button>
          ) : null}
          {(progress.status === "done" || (progress.status === "failed" && progress.created + progress.updated > 0)) && !isConfirming ? (
            <Button variant="danger" size="sm" onClick={() => setConfirming(true)}>
              {t("undo")}
            </Button>
          ) : null}
        </div>
        {isConfirming ? (
          <Alert variant="warning" title={t("undo")}>
            <p>{t("undoConfirm")}</p>
            <div className="mt-3 flex gap-2">
              <Button variant="danger" size="sm" onClick={undo} disabled={isPending} data-testid="import-undo-confirm">
                {isPending ? t("undoing") : t("undo")}
              </Button>
              <Button variant="outline" size="sm" onClick={() => setConfirming(false)} disabled={isPending}>
                {t("cancel")}
              </Button>
            </div>
          </Alert>
        ) : null}
        {error ? <Alert variant="error">{error}</Alert> : null}
        {progress.undoReport ? (
          <Alert variant="success" data-testid="import-undone">
            {t("undoneText", { removed: progress.undoReport.removed, restored: progress.undoReport.restored })}
          </Alert>
        ) : null}
        {progress.undoReport?.changedSince.length ? (
          <div>
            <h3 className="text-sm font-semibold">{t("changedSinceTitle")}</h3>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {progress.undoReport.changedSince.map((c) => (
                <li key={c.datasheetId}>
                  <Link className="underline" href={`/datasheets/${c.datasheetId}`}>
                    {c.name}
                  </Link>{" "}
                  ({t("row")} {c.rowNumber})
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </div>
  );
}
