"use client";
import { useTranslations } from "next-intl";
import { fieldErrorsOf, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Dialog, DialogContent, DialogActions, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { addInvoiceSchema } from "@/lib/invoices/schemas";
import { addInvoiceAction } from "../../actions";
import { localDay } from "./local-dates";
import { ActionError } from "./page-ui";
import { useRefreshingAction } from "./page-actions";

/** A new invoice (loaded when first opened). */
export default function InvoiceDialog({ datasheetId, currency, onClose }: { datasheetId: string; currency: string; onClose: () => void }) {
  const t = useTranslations("invoices");
  const action = useRefreshingAction(addInvoiceAction, onClose);
  const { state, onSubmit, isPending } = useFormAction(addInvoiceSchema, action);
  const errors = fieldErrorsOf(state);
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent closeLabel={t("close")} aria-describedby={undefined}>
        <DialogHeader>
          <DialogTitle>{t("addTitle")}</DialogTitle>
        </DialogHeader>
        <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate>
          <div className="sm:col-span-2">
            <ActionError state={state} />
          </div>
          <input type="hidden" name="datasheetId" value={datasheetId} />
          <TextField name="number" label={t("number")} errors={errors} required maxLength={50} autoFocus />
          <div className="grid grid-cols-[minmax(0,1fr)_5rem] gap-2">
            <TextField name="amount" label={t("amount")} errors={errors} required inputMode="decimal" />
            <TextField name="currency" label={t("currency")} errors={errors} defaultValue={currency} maxLength={3} className="uppercase" />
          </div>
          <TextField name="issuedOn" label={t("issuedOn")} errors={errors} type="date" defaultValue={localDay()} required />
          <TextField name="dueOn" label={t("dueOn")} errors={errors} type="date" />
          <DialogActions
            cancelLabel={t("cancel")}
            onCancel={onClose}
            actionLabel={t("add")}
            disabled={isPending}
            className="sm:col-span-2"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
