"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { CheckboxField, fieldErrorsOf, SelectField, TextAreaField, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Dialog, DialogContent, DialogActions, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { CompanySnapshot } from "@/lib/businesses/mutations";
import { updateBusinessSchema } from "@/lib/businesses/schemas";
import { updateBusinessAction } from "../../actions";
import { ActionError } from "./page-ui";
import { useRefreshingAction } from "./page-actions";

/**
 * The company form: all of the business's data (loaded when first opened). Opened on the version the page shows; a stale
 * save answers who changed it, and the page reloads so the form shows the current data.
 */
export default function CompanyDialog({
  datasheetId,
  business,
  open,
  onOpenChange,
}: {
  datasheetId: string;
  business: CompanySnapshot;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("company");
  const format = useFormatter();
  const action = useRefreshingAction(updateBusinessAction, () => onOpenChange(false));
  const { state, onSubmit, isPending } = useFormAction(updateBusinessSchema, action);
  const errors = fieldErrorsOf(state);
  const [kind, setKind] = useState(business.kind);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("close")} className="sm:max-w-2xl" aria-describedby={undefined}>
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
        </DialogHeader>
        {/* Keyed on the version: after a conflict the fresh data replaces what the form showed. */}
        <form key={business.version} onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
          <div className="sm:col-span-2">
            <ActionError state={state} />
          </div>
          <input type="hidden" name="datasheetId" value={datasheetId} />
          <input type="hidden" name="version" value={business.version} />
          <SelectField name="kind" label={t("kind")} errors={errors} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="company">{t("kinds.company")}</option>
            <option value="person">{t("kinds.person")}</option>
          </SelectField>
          <TextField name="name" label={t("name")} errors={errors} defaultValue={business.name} required maxLength={200} autoComplete="organization" />
          <TextField name="taxNumber" label={t("taxNumber")} errors={errors} defaultValue={business.taxNumber ?? ""} maxLength={50} />
          <TextField name="website" label={t("website")} errors={errors} defaultValue={business.website ?? ""} type="url" inputMode="url" placeholder="https://" />
          <TextField name="email" label={t("email")} errors={errors} defaultValue={business.email ?? ""} type="email" inputMode="email" />
          <TextField name="phone" label={t("phone")} errors={errors} defaultValue={business.phone ?? ""} type="tel" inputMode="tel" />
          <TextField name="country" label={t("country")} errors={errors} defaultValue={business.country ?? ""} autoComplete="country-name" />
          <TextField name="postalCode" label={t("postalCode")} errors={errors} defaultValue={business.postalCode ?? ""} autoComplete="postal-code" />
          <TextField name="city" label={t("city")} errors={errors} defaultValue={business.city ?? ""} autoComplete="address-level2" />
          <TextField name="street" label={t("street")} errors={errors} defaultValue={business.street ?? ""} autoComplete="street-address" />
          <div className="sm:col-span-2">
            <TextAreaField name="notes" label={t("notes")} errors={errors} defaultValue={business.notes} rows={3} maxLength={5000} />
          </div>
          <div className="sm:col-span-2">
            <CheckboxField
              name="newsletterConsent"
              label={t("newsletterConsent")}
              errors={errors}
              defaultChecked={business.newsletterConsentAt !== null}
              hint={business.newsletterConsentAt ? t("newsletterConsentSince", { date: format.dateTime(new Date(business.newsletterConsentAt), { dateStyle: "medium" }) }) : t("newsletterConsentHint")}
            />
          </div>
          <DialogActions
            cancelLabel={t("cancel")}
            onCancel={() => onOpenChange(false)}
            actionLabel={t("save")}
            disabled={isPending}
            className="sm:col-span-2"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
