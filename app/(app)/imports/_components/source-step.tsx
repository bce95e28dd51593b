"use client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { ImportPreview } from "@/lib/import/prepare";

export type UploadAnswer = { ok: true; preview: ImportPreview } | { ok: false; message?: string; params?: Record<string, string | number> };

/** The body goes to the upload route as it is (a file, or the pasted text): no size limit of an action. */
async function upload(body: Blob, source: "paste" | "file", name: string): Promise<UploadAnswer> {
  try {
    const response = await fetch(`/api/imports?source=${source}&name=${encodeURIComponent(name)}`, { method: "POST", body });
    const json = (await response.json()) as ImportPreview | { message?: string; params?: Record<string, string | number> };
    return response.ok ? { ok: true, preview: json as ImportPreview } : { ok: false, ...(json as { message?: string }) };
  } catch {
    return { ok: false, message: "errors.uploadFailed" };
  }
}

/** Step 1: cells pasted from a spreadsheet, or a CSV or XLSX file. */
export function SourceStep({ onUploaded, error }: { onUploaded: (answer: UploadAnswer) => void; error: string | null }) {
  const t = useTranslations("import");
  const id = useId();
  const [source, setSource] = useState<"paste" | "file">("paste");
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [isBusy, setBusy] = useState(false);
  const isReady = source === "paste" ? text.trim() !== "" : file !== null;

  const submit = async () => {
    setBusy(true);
    const answer = source === "paste" ? await upload(new Blob([text], { type: "text/plain" }), "paste", "paste.txt") : await upload(file!, "file", file!.name);
    setBusy(false);
    onUploaded(answer);
  };

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (isReady && !isBusy) void submit();
      }}
    >
      <fieldset className="flex flex-wrap gap-4">
        <legend className="sr-only">{t("steps.source")}</legend>
        {(["paste", "file"] as const).map((kind) => (
          <label key={kind} className="flex items-center gap-2 text-sm font-medium">
            <input type="radio" name="source" value={kind} checked={source === kind} onChange={() => setSource(kind)} className="size-4 accent-primary" />
            {kind === "paste" ? t("sourcePaste") : t("sourceFile")}
          </label>
        ))}
      </fieldset>
      {source === "paste" ? (
        <Field label={t("pasteLabel")} htmlFor={`${id}-paste`} hint={t("pasteHint")} error={error ?? undefined}>
          <Textarea
            id={`${id}-paste`}
            value={text}
            onChange={(event) => setText(event.target.value)}
            rows={10}
            className="font-mono text-xs"
            aria-describedby={describedBy(`${id}-paste`, { hint: t("pasteHint"), error })}
            aria-invalid={!!error}
            data-testid="import-paste"
          />
        </Field>
      ) : (
        <Field label={t("fileLabel")} htmlFor={`${id}-file`} hint={t("fileHint")} error={error ?? undefined}>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            aria-describedby={describedBy(`${id}-file`, { hint: t("fileHint"), error })}
            aria-invalid={!!error}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-muted file:px-3 file:py-2 file:text-sm file:font-medium"
          />
        </Field>
      )}
      <div className="flex justify-end">
        <Button isPrimaryAction type="submit" disabled={!isReady || isBusy}>
          {isBusy ? t("uploading") : t("next")}
        </Button>
      </div>
    </form>
  );
}
