"use client";
import { Plus, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { fieldErrorsOf, FormStatus, SelectField, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { DialogActions } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/actions/result";
import { newClientSchema } from "@/lib/datasheets/schemas";
import { cn } from "@/lib/ui/cn";
import { formatName, type Locale } from "@/lib/users/names";
import { createClientAction } from "./new-client-actions";
import type { NewClientOptions } from "./new-client";

function ContactRow({ index, errors, onRemove }: { index: number; errors: Record<string, string> | undefined; onRemove: () => void }) {
  const t = useTranslations("newClient");
  const name = (field: string) => `contacts.${index}.${field}`;
  return (
    <fieldset className="relative grid gap-3 rounded-md border border-border p-3 sm:grid-cols-2" data-testid="contact-row">
      <legend className="px-1 text-xs font-medium text-muted-foreground">{t("contactN", { n: index + 1 })}</legend>
      <Button type="button" variant="ghost" size="icon" className="absolute -top-1 right-1 size-7" aria-label={t("removeContact", { n: index + 1 })} onClick={onRemove}>
        <X aria-hidden="true" />
      </Button>
      <TextField name={name("name")} label={t("contactName")} errors={errors} required maxLength={200} />
      <TextField name={name("position")} label={t("contactPosition")} errors={errors} maxLength={100} />
      <TextField name={name("email")} label={t("contactEmail")} errors={errors} type="email" inputMode="email" />
      <TextField name={name("phone")} label={t("contactPhone")} errors={errors} type="tel" inputMode="tel" />
    </fieldset>
  );
}

/**
 * The New client form: a company or a person, its contact persons and its first datasheet. Loaded
 * only when the dialog opens, so its validation schema (zod) stays off every page's first load.
 */
export default function NewClientForm({ options, onCreated, onCancel }: { options: NewClientOptions; onCreated: (datasheetId: string) => void; onCancel: () => void }) {
  const t = useTranslations("newClient");
  const locale = useLocale() as Locale;
  const [kind, setKind] = useState<"company" | "person">("company");
  const [moduleId, setModuleId] = useState(options.modules[0]?.id ?? "");
  // Row keys, not indexes of data: removing a row keeps the others' typed values.
  const [rows, setRows] = useState<number[]>([0]);
  const chosen = options.modules.find((m) => m.id === moduleId);
  const { state, onSubmit, isPending } = useFormAction(
    newClientSchema,
    async (previous: ActionResult<{ datasheetId: string; businessId: string }> | null, formData: FormData) => {
      const result = await createClientAction(previous, formData);
      if (result.ok) onCreated(result.data.datasheetId);
      return result;
    },
  );
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormStatus state={state} />
      <fieldset>
        <legend className="mb-2 text-sm font-medium">{t("kind")}</legend>
        <div className="flex gap-2">
          {(["company", "person"] as const).map((k) => (
            <label
              key={k}
              className={cn(
                "flex flex-1 cursor-pointer items-center gap-2 rounded-md border border-border px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring",
                kind === k && "border-primary bg-primary/5",
              )}
            >
              <input type="radio" name="business.kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="size-4 accent-primary" />
              {t(`kinds.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <TextField name="business.name" label={kind === "company" ? t("companyName") : t("personName")} errors={errors} required maxLength={200} autoFocus />
        </div>
        <TextField name="business.email" label={kind === "company" ? t("companyEmail") : t("email")} errors={errors} type="email" inputMode="email" />
        <TextField name="business.phone" label={kind === "company" ? t("companyPhone") : t("phone")} errors={errors} type="tel" inputMode="tel" />
        <TextField name="business.taxNumber" label={t("taxNumber")} errors={errors} maxLength={50} />
      </div>
      <div className="space-y-3">
        <h3 className="text-sm font-medium">{t("contacts")}</h3>
        {rows.map((key, index) => (
          <ContactRow key={key} index={index} errors={errors} onRemove={() => setRows(rows.filter((r) => r !== key))} />
        ))}
        <Button type="button" variant="outline" size="sm" onClick={() => setRows([...rows, Math.max(-1, ...rows) + 1])}>
          <Plus aria-hidden="true" />
          {t("addContact")}
        </Button>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField name="moduleId" label={t("module")} errors={errors} value={moduleId} onChange={(e) => setModuleId(e.target.value)}>
          {options.modules.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
        {chosen && !chosen.isAutomatic ? (
          <SelectField key={chosen.id} name="statusId" label={t("status")} errors={errors} defaultValue={chosen.statuses[0]?.id}>
            {chosen.statuses.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        ) : (
          <p className="self-end pb-2 text-xs text-muted-foreground">{t("automaticStatus")}</p>
        )}
        <SelectField name="responsibleUserId" label={t("responsible")} errors={errors} defaultValue={options.currentUserId}>
          <option value="">{t("nobody")}</option>
          {options.team.map((p) => (
            <option key={p.id} value={p.id}>
              {formatName(p, locale)}
            </option>
          ))}
        </SelectField>
      </div>
      <DialogActions cancelLabel={t("cancel")} onCancel={onCancel} actionLabel={t("create")} disabled={isPending} />
    </form>
  );
}
