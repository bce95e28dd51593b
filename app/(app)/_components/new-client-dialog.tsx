"use client";
import { Plus } from "lucide-react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { NewClientModule, TeamMember } from "@/lib/datasheets/new-client-options";

export interface NewClientOptions {
  modules: NewClientModule[];
  team: TeamMember[];
  currentUserId: string;
}

function LoadingForm() {
  const t = useTranslations("newClient");
  return (
    <p role="status" className="h-64 text-sm text-muted-foreground">
      {t("loading")}
    </p>
  );
}

// The button is on every page; the form behind it loads when the dialog opens.
const NewClientForm = dynamic(() => import("./new-client-form"), { loading: LoadingForm });

/** New client, on every page: opens the form, and the new datasheet once it is created. */
export function NewClientDialog({ options, triggerClassName, compact }: { options: NewClientOptions; triggerClassName?: string; compact?: boolean }) {
  const t = useTranslations("newClient");
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  return (
    <Dialog open={isOpen} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size={compact ? "icon" : "sm"} className={triggerClassName} aria-label={compact ? t("open") : undefined}>
          <Plus aria-hidden="true" />
          {compact ? null : t("open")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("close")} className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
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
