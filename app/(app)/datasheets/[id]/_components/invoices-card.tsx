"use client";
import { Plus } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LoadSafely, useRetryableLazy } from "@/components/ui/deferred";
import type { Invoice } from "@/db/schema";
import { markInvoicePaidAction } from "../../actions";
import { localDay } from "./local-dates";
import { ActionError, Section } from "./page-ui";
import { usePageAction } from "./page-actions";

// The dialog loads when first opened.
const loadInvoiceDialog = () => import("./invoice-dialog");

/** Invoice facts: number, amount, dates; mark one paid (today). */
/** `currency`: the workspace's default, offered for a new invoice. */
export function InvoicesCard({ datasheetId, invoices, currency }: { datasheetId: string; invoices: Invoice[]; currency: string }) {
  const t = useTranslations("invoices");
  const format = useFormatter();
  const [isAdding, setAdding] = useState(false);
  const { run, error, isPending } = usePageAction();
  const tCommon = useTranslations("common");
  const { Component: InvoiceDialog, retry: retryInvoiceDialog } = useRetryableLazy(loadInvoiceDialog);
  const [loadError, setLoadError] = useState<string | null>(null);
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <Section
      title={t("title")}
      testId="invoices"
      actions={
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setLoadError(null);
            setAdding(true);
          }}
        >
          <Plus aria-hidden="true" />
          {t("add")}
        </Button>
      }
    >
      <ActionError message={error ?? loadError} />
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
      <LoadSafely
        onError={() => {
          setAdding(false);
          retryInvoiceDialog();
          setLoadError(tCommon("loadFailed"));
        }}
      >
        {isAdding ? <InvoiceDialog datasheetId={datasheetId} currency={currency} onClose={() => setAdding(false)} /> : null}
      </LoadSafely>
    </Section>
  );
}
