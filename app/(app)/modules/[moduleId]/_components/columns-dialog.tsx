"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { DeferredProps } from "@/components/ui/deferred";
import { Dialog, DialogContent, DialogActions, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { saveColumnsAction } from "../../actions";
import { useRunAction } from "@/components/forms/use-run-action";

export interface ColumnChoice {
  id: string;
  label: string;
}

/** Which columns the list shows, remembered for this user and module. */
export interface ColumnsDialogProps {
  moduleId: string;
  choices: ColumnChoice[];
  chosen: string[];
}

export default function ColumnsDialog({ moduleId, choices, chosen, trigger, defaultOpen }: ColumnsDialogProps & DeferredProps) {
  const t = useTranslations("clientList");
  const router = useRouter();
  const [isOpen, setOpen] = useState(defaultOpen);
  const [selected, setSelected] = useState(chosen);
  const { run, error, isPending } = useRunAction();

  function save() {
    // Keep the order of the choices (built-in columns, then fields in their order).
    const columns = choices.map((c) => c.id).filter((id) => selected.includes(id));
    run(saveColumnsAction, { moduleId, columns: columns.join(",") }, { onOk: () => { setOpen(false); router.refresh(); } });
  }

  return (
    <Dialog open={isOpen} onOpenChange={(open) => { setOpen(open); if (open) setSelected(chosen); }}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent closeLabel={t("close")} aria-describedby={undefined}>
        <DialogTitle>{t("columnsTitle")}</DialogTitle>
        <fieldset className="grid gap-2 sm:grid-cols-2">
          <legend className="sr-only">{t("columnsTitle")}</legend>
          {choices.map((choice) => (
            <label key={choice.id} className="flex min-h-8 items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-primary"
                checked={selected.includes(choice.id)}
                onChange={(e) => setSelected((s) => (e.target.checked ? [...s, choice.id] : s.filter((id) => id !== choice.id)))}
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
        <DialogActions
          cancelLabel={t("cancel")}
          onCancel={() => setOpen(false)}
          actionLabel={t("saveColumns")}
          onAction={save}
          disabled={isPending}
        />
      </DialogContent>
    </Dialog>
  );
}
