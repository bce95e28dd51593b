"use client";
import { Mail, Pencil, Phone, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { LoadSafely, useRetryableLazy } from "@/components/ui/deferred";
import type { Contact } from "@/db/schema";
import { removeContactAction } from "../../actions";
import { ActionError, Section } from "./page-ui";
import { usePageAction } from "./page-actions";

// The dialogs load when first opened.
const loadContactDialog = () => import("./contact-dialog");
const loadRemoveContactDialog = () => import("./remove-contact-dialog");

/** Contact persons with mailto: and tel: links (each at least 24 px high: WCAG 2.5.8's target size). */
export function ContactsCard({ datasheetId, contacts }: { datasheetId: string; contacts: Contact[] }) {
  const t = useTranslations("contacts");
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const [removing, setRemoving] = useState<Contact | null>(null);
  const { run, error, isPending } = usePageAction();
  const tCommon = useTranslations("common");
  const { Component: ContactDialog, retry: retryContactDialog } = useRetryableLazy(loadContactDialog);
  const { Component: RemoveContactDialog, retry: retryRemoveDialog } = useRetryableLazy(loadRemoveContactDialog);
  const [loadError, setLoadError] = useState<string | null>(null);
  return (
    <Section
      title={t("title")}
      testId="contacts"
      actions={
        <Button variant="ghost" size="sm" onClick={() => {
            setLoadError(null);
            setEditing("new");
          }}>
          <Plus aria-hidden="true" />
          {t("add")}
        </Button>
      }
    >
      <ActionError message={error ?? loadError} />
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
                  <a href={`mailto:${c.email}`} className="flex min-h-6 items-center gap-1.5 break-all text-primary underline-offset-4 hover:underline">
                    <Mail aria-hidden="true" className="size-3.5 shrink-0" />
                    {c.email}
                  </a>
                ) : null}
                {c.phone ? (
                  <a href={`tel:${c.phone.replace(/[^\d+]/g, "")}`} className="flex min-h-6 items-center gap-1.5 text-primary underline-offset-4 hover:underline">
                    <Phone aria-hidden="true" className="size-3.5 shrink-0" />
                    {c.phone}
                  </a>
                ) : null}
              </div>
              <Button variant="ghost" size="icon" aria-label={t("edit", { name: c.name })} onClick={() => {
                  setLoadError(null);
                  setEditing(c);
                }}>
                <Pencil aria-hidden="true" />
              </Button>
              <Button
                variant="ghost"
                size="icon"
                aria-label={t("remove", { name: c.name })}
                onClick={() => {
                  setLoadError(null);
                  setRemoving(c);
                }}
              >
                <Trash2 aria-hidden="true" />
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">{t("none")}</p>
      )}
      <LoadSafely
        onError={() => {
          setEditing(null);
          setRemoving(null);
          retryContactDialog();
          retryRemoveDialog();
          setLoadError(tCommon("loadFailed"));
        }}
      >
        {removing ? (
          <RemoveContactDialog
            contact={removing}
            isPending={isPending}
            onCancel={() => setRemoving(null)}
            onConfirm={() => run(removeContactAction, { datasheetId, contactId: removing.id }, () => setRemoving(null))}
          />
        ) : null}
        {editing ? <ContactDialog datasheetId={datasheetId} contact={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
      </LoadSafely>
    </Section>
  );
}
