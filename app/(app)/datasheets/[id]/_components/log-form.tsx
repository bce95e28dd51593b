"use client";
import { useTranslations } from "next-intl";
import { fieldErrorsOf, SelectField, TextAreaField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { loggableKinds } from "@/lib/history/kinds";
import { logHistoryAction } from "../../actions";
import { ActionError } from "./page-ui";
import { useRefreshingAction } from "./page-actions";
import { localInputValue } from "./local-dates";
import { DateTimeField } from "./todo-form";

/** Log a call, meeting, note or email, with when it happened (now, or earlier). */
export function LogForm({ datasheetId, onDone }: { datasheetId: string; onDone: () => void }) {
  const t = useTranslations("history");
  const action = useRefreshingAction(logHistoryAction, onDone);
  const { state, onSubmit, isPending } = useFormAction(async () => (await import("@/lib/history/schemas")).logHistorySchema, action);
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-md border border-border bg-muted/40 p-3" noValidate data-testid="log-form">
      <ActionError state={state} />
      <input type="hidden" name="datasheetId" value={datasheetId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField name="kind" label={t("kind")} errors={errors} defaultValue="call">
          {loggableKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <DateTimeField name="occurredAt" label={t("occurredAt")} errors={errors} defaultValue={localInputValue(new Date())} untouchedIsNow />
      </div>
      <TextAreaField name="body" label={t("body")} errors={errors} rows={3} required maxLength={20000} autoFocus />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" size="sm" onClick={onDone}>
          {t("cancel")}
        </Button>
        <Button isPrimaryAction type="submit" size="sm" disabled={isPending}>
          {t("log")}
        </Button>
      </div>
    </form>
  );
}
