"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { RuleText } from "@/app/(app)/_components/rule-text";
import { useRunAction } from "@/components/forms/use-run-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { RuleSettings } from "@/lib/statuses/derive";
import { previewRuleSettingsAction, previewStatusChecksAction, runStatusChecksAction, saveRuleSettingsAction } from "../status-checks-actions";

interface Preview {
  count: number;
  transitions: { datasheetId: string; businessName: string; from: string; to: string; reason: string; facts: Record<string, unknown> }[];
}

/** "2026-03-01T09:30" for a datetime-local input, in the browser's zone. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function Transitions({ preview, statusNames }: { preview: Preview; statusNames: Record<string, string> }) {
  const t = useTranslations("statusChecks");
  if (!preview.count) return <p className="text-sm text-muted-foreground">{t("nothingMoves")}</p>;
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium" role="status">
        {t("wouldMove", { count: preview.count })}
      </p>
      <div className="overflow-x-auto rounded-md border border-border">
        <table className="w-full text-sm">
          <caption className="sr-only">{t("transitions")}</caption>
          <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("client")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("move")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("why")}
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.transitions.map((row) => (
              <tr key={row.datasheetId} className="border-t border-border align-top">
                <td className="px-3 py-2">
                  <Link href={`/datasheets/${row.datasheetId}`} className="underline-offset-4 hover:underline">
                    {row.businessName}
                  </Link>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {statusNames[row.from] ?? row.from} → {statusNames[row.to] ?? row.to}
                </td>
                <td className="px-3 py-2 text-muted-foreground">
                  <RuleText reason={row.reason} facts={row.facts} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.count > preview.transitions.length ? (
        <p className="text-xs text-muted-foreground">{t("more", { count: preview.count - preview.transitions.length })}</p>
      ) : null}
    </div>
  );
}

const numberKeys = ["forgottenDays", "inactiveDays", "seriousProspectDoneTodos", "regularMonths", "regularWindowMonths"] as const;

/**
 * The automatic module's status checks (SPEC §3.2): its rule settings (a change shows first how
 * many datasheets would move, then re-evaluates them), a dry run at any moment, and Run now.
 */
export function StatusChecks(props: {
  moduleId: string;
  settings: RuleSettings;
  statusNames: Record<string, string>;
  lastRun: { moved: number; finishedAt: Date } | null;
}) {
  const t = useTranslations("statusChecks");
  const format = useFormatter();
  const [settings, setSettings] = useState(props.settings);
  const [settingsPreview, setSettingsPreview] = useState<Preview | null>(null);
  const [asOf, setAsOf] = useState(() => localInput(new Date()));
  const [dryRun, setDryRun] = useState<Preview | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const rules = useRunAction();
  const checks = useRunAction();
  const changed = numberKeys.some((k) => settings[k] !== props.settings[k]) || settings.paidInvoiceClosesWon !== props.settings.paidInvoiceClosesWon;

  return (
    <div className="space-y-8">
      <section aria-labelledby="rules-title" className="space-y-4">
        <div>
          <h2 id="rules-title" className="text-base font-semibold">
            {t("rulesTitle")}
          </h2>
          <p className="text-sm text-muted-foreground">{t("rulesDescription")}</p>
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          {numberKeys.map((key) => (
            <Field key={key} label={t(`settings.${key}`)} htmlFor={`rule-${key}`}>
              <Input
                id={`rule-${key}`}
                type="number"
                inputMode="numeric"
                min={1}
                value={settings[key]}
                onChange={(e) => {
                  setSettings({ ...settings, [key]: Number(e.target.value) });
                  setSettingsPreview(null);
                }}
              />
            </Field>
          ))}
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              checked={settings.paidInvoiceClosesWon}
              onChange={(e) => {
                setSettings({ ...settings, paidInvoiceClosesWon: e.target.checked });
                setSettingsPreview(null);
              }}
            />
            {t("settings.paidInvoiceClosesWon")}
          </label>
        </div>
        {rules.error ? <Alert variant="error">{rules.error}</Alert> : null}
        <div className="flex flex-wrap gap-2">
          <Button
            variant="outline"
            disabled={!changed || rules.isPending}
            onClick={() => rules.run(previewRuleSettingsAction, { moduleId: props.moduleId, ...settings }, { onOk: setSettingsPreview })}
          >
            {t("previewSettings")}
          </Button>
          <Button
            disabled={!settingsPreview || rules.isPending}
            onClick={() =>
              rules.run(
                saveRuleSettingsAction,
                { moduleId: props.moduleId, ...settings },
                {
                  onOk: (r) => {
                    setSettingsPreview(null);
                    setDone(t("saved", { count: r.moved }));
                  },
                },
              )
            }
          >
            {t("saveSettings")}
          </Button>
        </div>
        {settingsPreview ? <Transitions preview={settingsPreview} statusNames={props.statusNames} /> : null}
      </section>

      <section aria-labelledby="checks-title" className="space-y-4">
        <div>
          <h2 id="checks-title" className="text-base font-semibold">
            {t("checksTitle")}
          </h2>
          <p className="text-sm text-muted-foreground">
            {props.lastRun
              ? t("lastRun", { moved: props.lastRun.moved, at: format.dateTime(props.lastRun.finishedAt, { dateStyle: "medium", timeStyle: "short" }) })
              : t("neverRun")}
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <Field label={t("asOf")} htmlFor="checks-as-of">
            <Input id="checks-as-of" type="datetime-local" value={asOf} onChange={(e) => setAsOf(e.target.value)} className="w-auto" />
          </Field>
          <Button
            variant="outline"
            disabled={checks.isPending || !asOf}
            onClick={() => checks.run(previewStatusChecksAction, { moduleId: props.moduleId, asOf: new Date(asOf).toISOString() }, { onOk: setDryRun })}
          >
            {t("dryRun")}
          </Button>
          <Button
            disabled={checks.isPending}
            onClick={() =>
              checks.run(
                runStatusChecksAction,
                { moduleId: props.moduleId },
                {
                  onOk: (r) => {
                    setDryRun(null);
                    setDone(t("ran", { count: r.moved }));
                  },
                },
              )
            }
          >
            {t("runNow")}
          </Button>
        </div>
        {checks.error ? <Alert variant="error">{checks.error}</Alert> : null}
        {dryRun ? <Transitions preview={dryRun} statusNames={props.statusNames} /> : null}
      </section>
      <p role="status" aria-live="polite" className="text-sm text-success">
        {done}
      </p>
    </div>
  );
}
