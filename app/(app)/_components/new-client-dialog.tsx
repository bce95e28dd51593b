"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { DeferredProps } from "@/components/ui/deferred";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import NewClientForm from "./new-client-form";
import type { NewClientOptions } from "./new-client";

/**
 * New client's dialog, loaded with its form (and the form's zod schema) when the button is first
 * used: it opens the form, and the new datasheet once it is created.
 */
export default function NewClientDialog({ options, trigger, defaultOpen }: { options: NewClientOptions } & DeferredProps) {
  const t = useTranslations("newClient");
  const ti = useTranslations("import");
  const router = useRouter();
  const [isOpen, setOpen] = useState(defaultOpen);
  return (
    <Dialog open={isOpen} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent closeLabel={t("close")} className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
          {options.canImport ? (
            <Link href="/imports/new" onClick={() => setOpen(false)} className="text-sm font-medium text-primary underline-offset-2 hover:underline">
              {ti("fromSpreadsheet")}
            </Link>
          ) : null}
        </DialogHeader>
        {options.modules.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("noModules")}</p>
        ) : (
          <NewClientForm
            options={options}
            onCancel={() => setOpen(false)}
            onCreated={(datasheetId) => {
              setOpen(false);
              router.push(`/datasheets/${datasheetId}`);
            }}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}
