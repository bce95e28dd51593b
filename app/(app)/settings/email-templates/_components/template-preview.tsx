"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useRunAction } from "@/components/forms/use-run-action";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import type { TemplateModule } from "@/lib/email-templates/queries";
import { previewEmailTemplateAction } from "../actions";

interface Rendered {
  subject: string;
  html: string;
  text: string;
}

/** How long typing must pause before the preview is rendered again on the server. */
const PREVIEW_DELAY_MS = 400;

/**
 * The live preview: what is typed (saved or not) merged with a chosen datasheet's data and rendered
 * through the email layout on the server, shown in a sandboxed frame (no scripts, no same origin).
 */
export function TemplatePreview({ module, subject, body, isReady }: { module: TemplateModule | undefined; subject: string; body: string; isReady: boolean }) {
  const t = useTranslations("emailTemplateSettings");
  const [datasheetId, setDatasheetId] = useState(module?.datasheets[0]?.id ?? "");
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const { run, error, setError, isPending } = useRunAction();
  const choice = module?.datasheets.find((d) => d.id === datasheetId) ? datasheetId : (module?.datasheets[0]?.id ?? "");

  useEffect(() => {
    if (!module || !choice || !isReady) return;
    const timer = setTimeout(() => {
      run(previewEmailTemplateAction, { moduleId: module.id, datasheetId: choice, subject, body }, { onOk: setRendered, onError: () => setRendered(null) });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [module, choice, subject, body, isReady, run]);

  useEffect(() => {
    if (!isReady) setError(null);
  }, [isReady, setError]);

  return (
    <section aria-labelledby="template-preview-title" className="min-w-0 space-y-3" data-testid="template-preview">
      <div>
        <h2 id="template-preview-title" className="text-base font-semibold">
          {t("preview")}
        </h2>
        <p className="text-xs text-muted-foreground">{t("previewHint")}</p>
      </div>
      {!module || module.datasheets.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("noDatasheets")}</p>
      ) : (
        <>
          <Field label={t("previewOn")} htmlFor="preview-datasheet">
            <NativeSelect id="preview-datasheet" value={choice} onChange={(e) => setDatasheetId(e.target.value)}>
              {module.datasheets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <p role="status" className="h-4 text-xs leading-4 text-muted-foreground">
            {!isReady ? t("previewWaiting") : isPending ? t("previewLoading") : null}
          </p>
          {error ? (
            <Alert variant="error" role="alert" data-testid="preview-error">
              {error}
            </Alert>
          ) : null}
          {rendered ? (
            <div className="space-y-3">
              <p className="text-sm break-words">
                <span className="text-muted-foreground">{t("previewSubject")}: </span>
                <span className="font-medium" data-testid="preview-subject">
                  {rendered.subject}
                </span>
              </p>
              <iframe
                srcDoc={rendered.html}
                sandbox=""
                title={t("previewFrame", { subject: rendered.subject })}
                className="h-[32rem] w-full rounded-[var(--radius)] border border-border bg-white"
                data-testid="preview-frame"
              />
              <details className="rounded-[var(--radius)] border border-border bg-card p-3 text-sm">
                <summary className="cursor-pointer font-medium">{t("plainText")}</summary>
                <pre className="mt-3 font-mono text-xs break-words whitespace-pre-wrap" data-testid="preview-text">
                  {rendered.text}
                </pre>
              </details>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
