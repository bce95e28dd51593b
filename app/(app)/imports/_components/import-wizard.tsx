"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { NewClientModule, TeamMember } from "@/lib/datasheets/new-client-options";
import type { ImportPreview, ImportReport } from "@/lib/import/prepare";
import type { ReadOptionsInput } from "@/lib/import/schemas";
import { checkImportAction, previewImportAction, startImportAction } from "../actions";
import { MappingStep } from "./mapping-step";
import { ReportStep } from "./report-step";
import { SourceStep } from "./source-step";
import { TargetStep, type TargetChoice } from "./target-step";
import { useImportMessage } from "./use-import-message";

const stepNames = ["source", "mapping", "target", "report"] as const;

/**
 * The import's steps (SPEC §6), each with back and forward: source → columns → target and
 * duplicates → the validation report → the job (whose page shows its progress). The file stays on
 * the server after the upload; each step asks the server about it.
 */
export function ImportWizard({ modules, team }: { modules: NewClientModule[]; team: TeamMember[] }) {
  const t = useTranslations("import");
  const router = useRouter();
  const message = useImportMessage();
  const [step, setStep] = useState(0);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [moduleId, setModuleId] = useState(modules[0]!.id);
  const [mapping, setMapping] = useState<string[]>([]);
  const [target, setTarget] = useState<TargetChoice>({
    entry: "inquiry",
    match: "email",
    mode: "skip",
    runAutomations: false,
    statusId: null,
    responsibleUserId: null,
  });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const chosen = modules.find((m) => m.id === moduleId)!;

  const refresh = (importId: string, change: { options?: ReadOptionsInput; moduleId?: string }) =>
    startTransition(async () => {
      const result = await previewImportAction({ importId, moduleId: change.moduleId ?? moduleId, ...(change.options ? { options: change.options } : {}) });
      if (!result.ok) return setError(message(result));
      setError(null);
      setPreview(result.data);
      setMapping(result.data.suggestions);
      setStep(1);
    });

  const check = () =>
    startTransition(async () => {
      const statusId = chosen.isAutomatic ? null : (target.statusId ?? chosen.statuses[0]?.id ?? null);
      const result = await checkImportAction({ importId: preview!.importId, settings: { ...target, statusId, mapping, moduleId } });
      if (!result.ok) return setError(message(result));
      setError(null);
      setReport(result.data);
      setStep(3);
    });

  const start = () =>
    startTransition(async () => {
      const result = await startImportAction({ importId: preview!.importId, runAutomations: target.runAutomations });
      if (!result.ok) return setError(message(result));
      router.push(`/imports/${result.data.importId}`);
    });

  return (
    <div className="space-y-4">
      <p className="text-sm font-medium text-muted-foreground" aria-live="polite">
        {t("stepOf", { step: step + 1, count: stepNames.length, name: t(`steps.${stepNames[step]}`) })}
      </p>
      {error && step > 0 ? (
        <Alert variant="error" data-testid="import-error">
          {error}
        </Alert>
      ) : null}
      {step === 0 ? (
        <SourceStep
          error={error}
          onUploaded={(answer) => {
            if (!answer.ok) return setError(message(answer));
            refresh(answer.preview.importId, {});
          }}
        />
      ) : null}
      {step === 1 && preview ? (
        <MappingStep
          preview={preview}
          modules={modules}
          moduleId={moduleId}
          mapping={mapping}
          onOptions={(options) => refresh(preview.importId, { options })}
          onModule={(id) => {
            setModuleId(id);
            refresh(preview.importId, { moduleId: id });
          }}
          onMapping={setMapping}
        />
      ) : null}
      {step === 2 ? <TargetStep module={chosen} team={team} value={target} onChange={setTarget} /> : null}
      {step === 3 && report ? <ReportStep report={report} /> : null}
      {step > 0 ? (
        <div className="flex flex-wrap justify-between gap-2 border-t pt-4">
          <Button variant="outline" onClick={() => (setError(null), setStep(step - 1))} disabled={isPending}>
            {t("back")}
          </Button>
          {step === 1 ? (
            <Button onClick={() => setStep(2)} disabled={isPending}>
              {t("next")}
            </Button>
          ) : step === 2 ? (
            <Button onClick={check} disabled={isPending}>
              {isPending ? t("checking") : t("next")}
            </Button>
          ) : (
            <Button onClick={start} disabled={isPending || !report || report.created + report.updated === 0} data-testid="import-start">
              {isPending ? t("starting") : t("start", { count: (report?.created ?? 0) + (report?.updated ?? 0) })}
            </Button>
          )}
        </div>
      ) : null}
    </div>
  );
}
