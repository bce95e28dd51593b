"use client";
import { Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useRunAction } from "@/components/forms/use-run-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import type { NewsletterFormModule } from "@/lib/newsletters/queries";
import { newsletterAudiences } from "@/lib/newsletters/schemas";
import { scheduleNewsletterAction } from "../actions";

type Audience = (typeof newsletterAudiences)[number];

/** `YYYY-MM-DDTHH:mm` on this browser's clock, for a datetime-local input: the next full hour. */
function nextHourLocal(): string {
  const at = new Date(Date.now() + 60 * 60_000);
  at.setMinutes(0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** Schedule a newsletter: a template, who gets it (a status, a status group or a view of its module) and when. */
export function ScheduleDialog({ modules }: { modules: NewsletterFormModule[] }) {
  const t = useTranslations("newsletters");
  const [isOpen, setOpen] = useState(false);
  const [opening, setOpening] = useState(0);
  return (
    <Dialog
      open={isOpen}
      onOpenChange={(open) => {
        if (open) setOpening((n) => n + 1);
        setOpen(open);
      }}
    >
      <DialogTrigger asChild>
        <Button isPrimaryAction disabled={modules.length === 0}>
          <Send aria-hidden="true" />
          {t("schedule")}
        </Button>
      </DialogTrigger>
      <ScheduleForm key={opening} modules={modules} onClose={() => setOpen(false)} />
    </Dialog>
  );
}

function ScheduleForm({ modules, onClose }: { modules: NewsletterFormModule[]; onClose: () => void }) {
  const t = useTranslations("newsletters");
  const tv = useTranslations("validation");
  const [templateId, setTemplateId] = useState(modules[0]?.templates[0]?.id ?? "");
  const [audience, setAudience] = useState<Audience>("status");
  const [audienceId, setAudienceId] = useState("");
  const [when, setWhen] = useState(nextHourLocal);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, error, isPending } = useRunAction();
  const chosen = modules.find((m) => m.templates.some((tpl) => tpl.id === templateId));
  const choices =
    audience === "view"
      ? (chosen?.views ?? [])
      : audience === "status_group"
        ? (chosen?.groups ?? []).map(({ id, name }) => ({ id, name }))
        : (chosen?.groups ?? []).flatMap((g) => g.statuses.map((s) => ({ id: s.id, name: `${g.name} · ${s.name}` })));
  const target = choices.some((c) => c.id === audienceId) ? audienceId : (choices[0]?.id ?? "");

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(when);
    const found: Record<string, string> = {};
    if (!templateId) found.templateId = "required";
    if (!target) found.audienceId = "required";
    if (!when || Number.isNaN(at.getTime())) found.scheduledAt = "datetimeInvalid";
    setErrors(found);
    if (Object.keys(found).length) return;
    run(
      scheduleNewsletterAction,
      { templateId, audience, audienceId: target, scheduledAt: at.toISOString() },
      { onOk: onClose, onError: (result) => setErrors(result.fieldErrors ?? {}) },
    );
  };
  const errorOf = (name: string) => (errors[name] ? tv(errors[name]) : undefined);

  return (
    <DialogContent closeLabel={t("close")}>
      <DialogHeader>
        <DialogTitle>{t("scheduleTitle")}</DialogTitle>
        <DialogDescription>{t("scheduleDescription")}</DialogDescription>
      </DialogHeader>
      <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="schedule-form">
        {error && !Object.keys(errors).length ? (
          <Alert variant="error" role="alert">
            {error}
          </Alert>
        ) : null}
        <Field label={t("template")} htmlFor="templateId" error={errorOf("templateId")} required>
          <NativeSelect id="templateId" value={templateId} onChange={(e) => setTemplateId(e.target.value)} required>
            {modules.map((m) => (
              <optgroup key={m.id} label={m.name}>
                {m.templates.map((tpl) => (
                  <option key={tpl.id} value={tpl.id}>
                    {tpl.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </NativeSelect>
        </Field>
        <Field label={t("audienceKind")} htmlFor="audience" required>
          <NativeSelect id="audience" value={audience} onChange={(e) => setAudience(e.target.value as Audience)}>
            {newsletterAudiences.map((a) => (
              <option key={a} value={a}>
                {t(`audiences.${a}`)}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field
          label={t(`audiences.${audience}`)}
          htmlFor="audienceId"
          error={errorOf("audienceId")}
          hint={choices.length ? undefined : t("noChoices")}
          required
        >
          <NativeSelect
            id="audienceId"
            value={target}
            onChange={(e) => setAudienceId(e.target.value)}
            disabled={!choices.length}
            aria-invalid={errorOf("audienceId") ? true : undefined}
            aria-describedby={describedBy("audienceId", { error: errorOf("audienceId"), hint: choices.length ? undefined : t("noChoices") })}
          >
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label={t("scheduledAt")} htmlFor="scheduledAt" hint={t("scheduledAtHint")} error={errorOf("scheduledAt")} required>
          <Input
            id="scheduledAt"
            type="datetime-local"
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            required
            aria-invalid={errorOf("scheduledAt") ? true : undefined}
            aria-describedby={describedBy("scheduledAt", { error: errorOf("scheduledAt"), hint: t("scheduledAtHint") })}
          />
        </Field>
        <p className="text-xs text-muted-foreground">{t("consentNote")}</p>
        <DialogActions cancelLabel={t("close")} onCancel={onClose} actionLabel={isPending ? t("scheduling") : t("scheduleButton")} disabled={isPending} />
      </form>
    </DialogContent>
  );
}
