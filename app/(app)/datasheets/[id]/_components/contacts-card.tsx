"use client";
import { Mail, Pencil, Phone, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { fieldErrorsOf, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { Contact } from "@/db/schema";
import { addContactSchema, updateContactSchema } from "@/lib/businesses/schemas";
import { addContactAction, removeContactAction, updateContactAction } from "../../actions";
import { ActionError, Section } from "./page-ui";
import { usePageAction, useRefreshingAction, type ServerAction } from "./page-actions";

function ContactDialog({ datasheetId, contact, onClose }: { datasheetId: string; contact: Contact | null; onClose: () => void }) {
  const t = useTranslations("contacts");
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
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={isPending}>
              {t("save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Contact persons with mailto: and tel: links. */
export function ContactsCard({ datasheetId, contacts }: { datasheetId: string; contacts: Contact[] }) {
  const t = useTranslations("contacts");
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const [removing, setRemoving] = useState<Contact | null>(null);
  const { run, error, isPending } = usePageAction();
  return (
    <Section
      title={t("title")}
      testId="contacts"
      actions={
        <Button variant="ghost" size="sm" onClick={() => setEditing("new")}>
          <Plus aria-hidden="true" />
          {t("add")}
        </Button>
      }
    >
      <ActionError message={error} />
      {contacts.length ? (
        <ul className="divide-y divide-border">
          {contacts.map((c) => (
            <li key={c.id} className="flex items-start gap-2 py-2 first:pt-0 last:pb-0">
              <div className="min-w-0 flex-1 space-y-0.5 text-sm">
                <p className="font-medium break-words">
                  {c.name}
                  {c.position ? <span className="font-normal text-muted-foreground"> · {c.position}</span> : null}
                </p>
                {c.email ? (
                  <a href={`mailto:${c.email}`} className="flex items-center gap-1.5 break-all text-primary underline-offset-4 hover:underline">
                    <Mail aria-hidden="true" className="size-3.5 shrink-0" />
                    {c.email}
                  </a>
                ) : null}
                {c.phone ? (
                  <a href={`tel:${c.phone.replace(/[^\d+]/g, "")}`} className="flex items-center gap-1.5 text-primary underline-offset-4 hover:underline">
                    <Phone aria-hidden="true" className="size-3.5 shrink-0" />
                    {c.phone}
                  </a>
                ) : null}
              </div>
              <Button variant="ghost" size="icon" aria-label={t("edit", { name: c.name })} onClick={() => setEditing(c)}>
                <Pencil aria-hidden="true" />
              </Button>
              <Button
                variant="ghost"
                size="icon"
                aria-label={t("remove", { name: c.name })}
                onClick={() => setRemoving(c)}
              >
                <Trash2 aria-hidden="true" />
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">{t("none")}</p>
      )}
      <Dialog open={removing !== null} onOpenChange={(open) => (open ? null : setRemoving(null))}>
        <DialogContent closeLabel={t("close")} aria-describedby={undefined}>
          <DialogHeader>
            <DialogTitle>{t("removeTitle", { name: removing?.name ?? "" })}</DialogTitle>
          </DialogHeader>
          <DialogFooter>
            <Button variant="outline" onClick={() => setRemoving(null)}>
              {t("cancel")}
            </Button>
            <Button
              variant="danger"
              disabled={isPending}
              onClick={() => removing && run(removeContactAction, { datasheetId, contactId: removing.id }, () => setRemoving(null))}
            >
              {t("removeConfirm")}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      {editing ? <ContactDialog datasheetId={datasheetId} contact={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Section>
  );
}
