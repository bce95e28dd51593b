"use client";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { fieldErrorsOf, FormStatus, SelectField, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { createApiKeySchema } from "@/lib/api/schemas";
import { createApiKeyAction } from "../actions";
import { NewKey } from "./new-key";

export interface OwnerOption {
  id: string;
  label: string;
}

/**
 * Create key: a name and the user the key acts as; then the key itself, shown this once. Each
 * opening starts a new form (the last key is not shown again).
 */
export function CreateKeyDialog({ owners }: { owners: OwnerOption[] }) {
  const t = useTranslations("apiKeys");
  const [isOpen, setOpen] = useState(false);
  const [opening, setOpening] = useState(0);
  return (
    <Dialog
      open={isOpen}
      onOpenChange={(open) => {
        if (open) setOpening((n) => n + 1);
        setOpen(open);
      }}
    >
      <DialogTrigger asChild>
        <Button isPrimaryAction>
          <Plus aria-hidden="true" />
          {t("create")}
        </Button>
      </DialogTrigger>
      <CreateKeyContent key={opening} owners={owners} onClose={() => setOpen(false)} />
    </Dialog>
  );
}

function CreateKeyContent({ owners, onClose }: { owners: OwnerOption[]; onClose: () => void }) {
  const t = useTranslations("apiKeys");
  const { state, onSubmit, isPending } = useFormAction(createApiKeySchema, createApiKeyAction);
  // What was asked for, to say whose the key is once it is made (the form is gone by then).
  const [asked, setAsked] = useState({ name: "", owner: "" });
  const errors = fieldErrorsOf(state);

  if (state?.ok) {
    return (
      // A click beside the sheet must not throw the key away: only Done, × or Escape close it.
      <DialogContent closeLabel={t("close")} onInteractOutside={(event) => event.preventDefault()}>
        <DialogHeader>
          <DialogTitle>{t("createdTitle")}</DialogTitle>
          <DialogDescription>{t("createdDescription", asked)}</DialogDescription>
        </DialogHeader>
        <NewKey apiKey={state.data.key} />
        <div className="flex justify-end">
          <Button type="button" onClick={onClose} className="w-full sm:w-auto">
            {t("done")}
          </Button>
        </div>
      </DialogContent>
    );
  }

  return (
    <DialogContent closeLabel={t("close")}>
      <DialogHeader>
        <DialogTitle>{t("createTitle")}</DialogTitle>
        <DialogDescription>{t("createDescription")}</DialogDescription>
      </DialogHeader>
      <form
        onSubmit={(event) => {
          const form = new FormData(event.currentTarget);
          const owner = owners.find((o) => o.id === form.get("userId"));
          setAsked({ name: String(form.get("name") ?? "").trim(), owner: owner?.label ?? "" });
          onSubmit(event);
        }}
        className="space-y-4"
        noValidate
      >
        <FormStatus state={state} />
        <TextField name="name" label={t("nameLabel")} hint={t("nameHint")} errors={errors} maxLength={100} required autoComplete="off" />
        <SelectField name="userId" label={t("ownerLabel")} errors={errors} required defaultValue="">
          <option value="">{t("chooseOwner")}</option>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.label}
            </option>
          ))}
        </SelectField>
        <DialogActions cancelLabel={t("cancel")} onCancel={onClose} actionLabel={isPending ? t("creating") : t("createButton")} disabled={isPending} />
      </form>
    </DialogContent>
  );
}
