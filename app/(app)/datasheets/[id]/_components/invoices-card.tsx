"use client";
import { Plus } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { fieldErrorsOf, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { Invoice } from "@/db/schema";
import { addInvoiceSchema } from "@/lib/invoices/schemas";
import { addInvoiceAction, markInvoicePaidAction } from "../../actions";
import { ActionError, Section } from "./page-ui";
import { usePageAction, useRefreshingAction } from "./page-actions";

function localDay(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function InvoiceDialog({ datasheetId, onClose }: { datasheetId: string; onClose: () => void }) {
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
            <TextField name="currency" label={t("currency")} errors={errors} defaultValue="HUF" maxLength={3} className="uppercase" />
          </div>
          <TextField name="issuedOn" label={t("issuedOn")} errors={errors} type="date" defaultValue={localDay()} required />
          <TextField name="dueOn" label={t("dueOn")} errors={errors} type="date" />
          <DialogFooter className="sm:col-span-2">
            <Button type="button" variant="outline" onClick={onClose}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={isPending}>
              {t("add")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Invoice facts: number, amount, dates; mark one paid (today). */
export function InvoicesCard({ datasheetId, invoices }: { datasheetId: string; invoices: Invoice[] }) {
  const t = useTranslations("invoices");
  const format = useFormatter();
  const [isAdding, setAdding] = useState(false);
  const { run, error, isPending } = usePageAction();
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <Section
      title={t("title")}
      testId="invoices"
      actions={
        <Button variant="ghost" size="sm" onClick={() => setAdding(true)}>
          <Plus aria-hidden="true" />
          {t("add")}
        </Button>
      }
    >
      <ActionError message={error} />
      {invoices.length ? (
        <ul className="divide-y divide-border text-sm">
          {invoices.map((inv) => (
            <li key={inv.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2 first:pt-0 last:pb-0">
              <div className="min-w-0 space-y-0.5">
                <p className="font-medium">
                  {inv.number}{" "}
                  <span className="font-normal tabular-nums">{format.number(Number(inv.amount), { style: "currency", currency: inv.currency })}</span>
                </p>
                <p className="text-xs text-muted-foreground">
                  {t("issued", { date: day(inv.issuedOn) })}
                  {inv.dueOn ? ` · ${t("due", { date: day(inv.dueOn) })}` : ""}
                </p>
              </div>
              {inv.paidAt ? (
                <Badge variant="success">{t("paidOn", { date: format.dateTime(inv.paidAt, { dateStyle: "medium", timeZone: "UTC" }) })}</Badge>
              ) : (
                <Button
                  variant="outline"
                  size="sm"
                  disabled={isPending}
                  aria-label={t("markPaidOf", { number: inv.number })}
                  onClick={() => run(markInvoicePaidAction, { invoiceId: inv.id, paidOn: localDay(), pageId: datasheetId })}
                >
                  {t("markPaid")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">{t("none")}</p>
      )}
      {isAdding ? <InvoiceDialog datasheetId={datasheetId} onClose={() => setAdding(false)} /> : null}
    </Section>
  );
}
