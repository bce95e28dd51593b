"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { fieldErrorsOf, SelectField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Dialog, DialogContent, DialogActions, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/actions/result";
import type { Person } from "@/lib/datasheets/page";
import { addToModuleSchema } from "@/lib/datasheets/schemas";
import { formatName, type Locale } from "@/lib/users/names";
import { addToModuleAction } from "../../actions";
import { ActionError } from "./page-ui";

export interface ModuleChoice {
  id: string;
  name: string;
  isAutomatic: boolean;
  statuses: { id: string; name: string; groupName: string }[];
}

/** "Add to another module": the same business gets a datasheet there, and the page moves to it. */
export default function AddToModuleDialog(props: {
  datasheetId: string;
  modules: ModuleChoice[];
  team: Person[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("datasheet");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [moduleId, setModuleId] = useState(props.modules[0]?.id ?? "");
  const chosen = props.modules.find((m) => m.id === moduleId);
  const { state, onSubmit, isPending } = useFormAction(addToModuleSchema, async (previous: ActionResult<{ datasheetId: string }> | null, formData: FormData) => {
    const result = await addToModuleAction(previous, formData);
    if (result.ok) router.push(`/datasheets/${result.data.datasheetId}`);
    return result;
  });
  const errors = fieldErrorsOf(state);
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent closeLabel={t("close")} aria-describedby={undefined}>
        <DialogHeader>
          <DialogTitle>{t("addToModule")}</DialogTitle>
        </DialogHeader>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <ActionError state={state} />
          <input type="hidden" name="datasheetId" value={props.datasheetId} />
          <SelectField name="moduleId" label={t("module")} errors={errors} value={moduleId} onChange={(e) => setModuleId(e.target.value)}>
            {props.modules.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </SelectField>
          {chosen && !chosen.isAutomatic ? (
            <SelectField key={chosen.id} name="statusId" label={t("status")} errors={errors}>
              {chosen.statuses.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.groupName} · {s.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <SelectField name="responsibleUserId" label={t("responsible")} errors={errors} defaultValue="">
            <option value="">{t("nobody")}</option>
            {props.team.map((p) => (
              <option key={p.id} value={p.id}>
                {formatName(p, locale)}
              </option>
            ))}
          </SelectField>
          <DialogActions
            cancelLabel={t("cancel")}
            onCancel={() => props.onOpenChange(false)}
            actionLabel={t("add")}
            disabled={isPending}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
