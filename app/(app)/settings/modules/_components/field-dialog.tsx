"use client";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { fieldErrorsOf, FormStatus, SelectField, TextAreaField, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Dialog, DialogContent, DialogActions, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { FieldType } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/result";
import { fieldTypes } from "@/lib/fields/types";
import type { FieldConfig } from "@/lib/modules/queries";
import { createFieldSchema, updateFieldSchema } from "@/lib/modules/schemas";
import { createFieldAction, updateFieldAction } from "../actions";

type Action<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

/** Closes the dialog once the server accepted the form. */
function closingOnSuccess<T>(action: Action<T>, close: () => void): Action<T> {
  return async (previous, formData) => {
    const result = await action(previous, formData);
    if (result.ok) close();
    return result;
  };
}

function RequiredCheckbox({ defaultChecked, disabled }: { defaultChecked?: boolean; disabled?: boolean }) {
  const t = useTranslations("modules");
  return (
    <label className="flex items-center gap-2 text-sm font-medium">
      <input type="checkbox" name="isRequired" value="true" defaultChecked={defaultChecked} disabled={disabled} className="size-4 accent-primary" />
      {t("isRequired")}
    </label>
  );
}

function AddFieldForm({ moduleId, afterId, onSaved, onCancel }: { moduleId: string; afterId?: string; onSaved: () => void; onCancel: () => void }) {
  const t = useTranslations("modules");
  const [type, setType] = useState<FieldType>("text");
  const { state, onSubmit, isPending } = useFormAction(createFieldSchema, closingOnSuccess(createFieldAction, onSaved));
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="moduleId" value={moduleId} />
      {afterId ? <input type="hidden" name="afterId" value={afterId} /> : null}
      <FormStatus state={state} />
      <TextField name="label" label={t("fieldLabel")} errors={errors} required maxLength={100} />
      <SelectField name="type" label={t("fieldType")} errors={errors} value={type} onChange={(e) => setType(e.target.value as FieldType)}>
        {fieldTypes.map((ft) => (
          <option key={ft} value={ft}>
            {t(`types.${ft}`)}
          </option>
        ))}
      </SelectField>
      {type === "money" ? (
        <TextField name="defaultCurrency" label={t("defaultCurrency")} hint={t("defaultCurrencyHint")} errors={errors} maxLength={3} placeholder="HUF" />
      ) : null}
      <TextAreaField name="helpText" label={t("helpText")} errors={errors} rows={2} maxLength={500} />
      <RequiredCheckbox />
      <DialogActions cancelLabel={t("cancel")} onCancel={onCancel} actionLabel={t("addField")} disabled={isPending} />
    </form>
  );
}

function EditFieldForm({ field, onSaved, onCancel }: { field: FieldConfig; onSaved: () => void; onCancel: () => void }) {
  const t = useTranslations();
  const { state, onSubmit, isPending } = useFormAction(updateFieldSchema, closingOnSuccess(updateFieldAction, onSaved));
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="fieldId" value={field.id} />
      <FormStatus state={state} />
      <TextField name="label" label={t("modules.fieldLabel")} defaultValue={field.label} errors={errors} required maxLength={100} />
      <TextField
        name="key"
        label={t("modules.fieldKey")}
        hint={t("modules.fieldKeyHint")}
        value={field.key}
        readOnly
        errors={undefined}
        className="font-mono text-muted-foreground"
      />
      {field.type === "money" ? (
        <TextField
          name="defaultCurrency"
          label={t("modules.defaultCurrency")}
          hint={t("modules.defaultCurrencyHint")}
          defaultValue={field.settings.defaultCurrency ?? ""}
          errors={errors}
          maxLength={3}
        />
      ) : null}
      <TextAreaField name="helpText" label={t("modules.helpText")} defaultValue={field.helpText} errors={errors} rows={2} maxLength={500} />
      <RequiredCheckbox defaultChecked={field.isRequired} disabled={field.isSystem} />
      {field.isSystem && field.isRequired ? <input type="hidden" name="isRequired" value="true" /> : null}
      <DialogActions cancelLabel={t("modules.cancel")} onCancel={onCancel} actionLabel={t("common.save")} disabled={isPending} />
    </form>
  );
}

/** "Add field" (no `field`) or "Edit field" behind the given trigger; `onSaved` once the server took it. */
export function FieldDialog({
  moduleId,
  field,
  afterId,
  trigger,
  onSaved,
}: {
  moduleId: string;
  field?: FieldConfig;
  afterId?: string;
  trigger: ReactNode;
  onSaved?: () => void;
}) {
  const t = useTranslations("modules");
  const [isOpen, setOpen] = useState(false);
  const done = () => {
    setOpen(false);
    onSaved?.();
  };
  return (
    <Dialog open={isOpen} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent closeLabel={t("close")} aria-describedby={undefined}>
        <DialogHeader>
          <DialogTitle>{field ? t("editFieldTitle") : t("addFieldTitle")}</DialogTitle>
        </DialogHeader>
        {field ? (
          <EditFieldForm field={field} onSaved={done} onCancel={() => setOpen(false)} />
        ) : (
          <AddFieldForm moduleId={moduleId} afterId={afterId} onSaved={done} onCancel={() => setOpen(false)} />
        )}
      </DialogContent>
    </Dialog>
  );
}
