"use client";
import { useFormatter, useTranslations } from "next-intl";
import { CheckboxField, fieldErrorsOf, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Dialog, DialogContent, DialogActions, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { Contact } from "@/db/schema";
import { addContactSchema, updateContactSchema } from "@/lib/businesses/schemas";
import { addContactAction, updateContactAction } from "../../actions";
import { ActionError } from "./page-ui";
import { useRefreshingAction, type ServerAction } from "./page-actions";

/** Add or edit a contact person (loaded when first opened). */
export default function ContactDialog({ datasheetId, contact, onClose }: { datasheetId: string; contact: Contact | null; onClose: () => void }) {
  const t = useTranslations("contacts");
  const format = useFormatter();
  // Both answer nothing the dialog needs: it closes on success.
  const save = (contact ? updateContactAction : addContactAction) as ServerAction<unknown>;
  const action = useRefreshingAction(save, onClose);
  const { state, onSubmit, isPending } = useFormAction(contact ? updateContactSchema : addContactSchema, action);
  const errors = fieldErrorsOf(state);
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent closeLabel={t("close")} aria-describedby={undefined}>
        <DialogHeader>
          <DialogTitle>{contact ? t("editTitle") : t("addTitle")}</DialogTitle>
        </DialogHeader>
        <form onSubmit={onSubmit} className="space-y-3" noValidate>
          <ActionError state={state} />
          <input type="hidden" name="datasheetId" value={datasheetId} />
          {contact ? <input type="hidden" name="contactId" value={contact.id} /> : null}
          <TextField name="name" label={t("name")} errors={errors} defaultValue={contact?.name} required maxLength={200} autoFocus />
          <TextField name="position" label={t("position")} errors={errors} defaultValue={contact?.position ?? ""} maxLength={100} />
          <TextField name="email" label={t("email")} errors={errors} defaultValue={contact?.email ?? ""} type="email" inputMode="email" />
          <TextField name="phone" label={t("phone")} errors={errors} defaultValue={contact?.phone ?? ""} type="tel" inputMode="tel" />
          <CheckboxField
            name="newsletterConsent"
            label={t("newsletterConsent")}
            errors={errors}
            defaultChecked={Boolean(contact?.newsletterConsentAt)}
            hint={contact?.newsletterConsentAt ? t("newsletterConsentSince", { date: format.dateTime(new Date(contact.newsletterConsentAt), { dateStyle: "medium" }) }) : t("newsletterConsentHint")}
          />
          <DialogActions cancelLabel={t("cancel")} onCancel={onClose} actionLabel={t("save")} disabled={isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
