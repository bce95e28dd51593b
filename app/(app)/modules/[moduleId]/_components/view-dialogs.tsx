"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import type { DeferredProps } from "@/components/ui/deferred";
import { Dialog, DialogContent, DialogActions, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { formDataToInput } from "@/lib/actions/form-data";
import { toFieldErrors, type ServerAction } from "@/lib/actions/result";
import { createViewAction, renameViewAction } from "../../actions";
import type { ViewTab } from "./view-tabs";


/** The schemas load with the first submit, not with the page: zod stays off the list's first load. */
const loadSchemas = () => import("@/lib/views/schemas");
type SchemaName = "createViewSchema" | "renameViewSchema";

/**
 * A dialog's form: the same zod schema as the server first, then the action; on success the
 * caller closes the dialog and moves on (from the submit handler, not an effect).
 */
function useDialogForm<T>(schemaName: SchemaName, action: ServerAction<T>, onOk: (data: T) => void) {
  const t = useTranslations();
  const [errors, setErrors] = useState<{ name?: string; form?: string }>({});
  const [isPending, startTransition] = useTransition();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(async () => {
      try {
        const schema = (await loadSchemas())[schemaName];
        const parsed = schema.safeParse(formDataToInput(formData, schema));
        if (!parsed.success) {
          const fieldErrors = toFieldErrors(parsed.error);
          setErrors({ name: fieldErrors.name ? t(`validation.${fieldErrors.name}`) : undefined, form: fieldErrors.name ? undefined : t("errors.invalid") });
          return;
        }
        const result = await action(null, formData);
        if (result.ok) {
          setErrors({});
          onOk(result.data);
        } else if (result.fieldErrors?.name) setErrors({ name: t(`validation.${result.fieldErrors.name}`) });
        else setErrors({ form: t(result.message ?? "errors.invalid", result.params) });
      } catch {
        setErrors({ form: t("common.actionFailed") });
      }
    });
  };
  return { errors, onSubmit, isPending, reset: () => setErrors({}) };
}

function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-sm text-danger">
      {message}
    </p>
  );
}

/** Saves the list's current filter and sort (its URL) as a view: personal, or for the team. */
export interface SaveViewDialogProps {
  moduleId: string;
  query: string;
  canShare: boolean;
}

export default function SaveViewDialog({ moduleId, query, canShare, trigger, defaultOpen }: SaveViewDialogProps & DeferredProps) {
  const t = useTranslations("views");
  const router = useRouter();
  const [isOpen, setOpen] = useState(defaultOpen);
  const { errors, onSubmit, isPending, reset } = useDialogForm("createViewSchema", createViewAction, (data) => {
    setOpen(false);
    router.push(data.href);
  });

  return (
    <Dialog
      open={isOpen}
      onOpenChange={(open) => {
        setOpen(open);
        reset();
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent closeLabel={t("close")} aria-describedby={undefined}>
        <DialogTitle>{t("saveTitle")}</DialogTitle>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <input type="hidden" name="moduleId" value={moduleId} />
          <input type="hidden" name="query" value={query} />
          <Field label={t("name")} htmlFor="view-name" error={errors.name} required>
            <Input
              id="view-name"
              name="name"
              required
              maxLength={100}
              autoFocus
              aria-invalid={!!errors.name}
              aria-describedby={describedBy("view-name", { error: errors.name })}
            />
          </Field>
          {canShare ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="isShared" value="true" className="size-4 accent-primary" />
              {t("shareWithTeam")}
            </label>
          ) : null}
          <FormError message={errors.form} />
          <DialogActions
            cancelLabel={t("cancel")}
            onCancel={() => setOpen(false)}
            actionLabel={t("saveSubmit")}
            disabled={isPending}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function RenameViewDialog({ view, onClose }: { view: ViewTab; onClose: () => void }) {
  const t = useTranslations("views");
  const router = useRouter();
  const { errors, onSubmit, isPending } = useDialogForm("renameViewSchema", renameViewAction, () => {
    onClose();
    router.refresh();
  });

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent closeLabel={t("close")} aria-describedby={undefined}>
        <DialogTitle>{t("renameTitle")}</DialogTitle>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <input type="hidden" name="viewId" value={view.id} />
          <Field label={t("name")} htmlFor="view-rename" error={errors.name} required>
            <Input
              id="view-rename"
              name="name"
              defaultValue={view.name}
              required
              maxLength={100}
              autoFocus
              aria-invalid={!!errors.name}
              aria-describedby={describedBy("view-rename", { error: errors.name })}
            />
          </Field>
          <FormError message={errors.form} />
          <DialogActions cancelLabel={t("cancel")} onCancel={onClose} actionLabel={t("renameSubmit")} disabled={isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
