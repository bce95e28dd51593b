"use client";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { deferred } from "@/components/ui/deferred";
import type { NewClientModule, TeamMember } from "@/lib/datasheets/new-client-options";

export interface NewClientOptions {
  modules: NewClientModule[];
  team: TeamMember[];
  currentUserId: string;
  /** Admins and managers: the dialog offers Import as well. */
  canImport?: boolean;
}

// The button is on every page; the dialog and the form behind it load when it is first used.
const DeferredNewClientDialog = deferred<{ options: NewClientOptions }>(() => import("./new-client-dialog"), "dialog");

/** New client, on every page: in the sidebar on a desktop, as an icon in the header on a phone. */
export function NewClientButton({ options, triggerClassName, compact }: { options: NewClientOptions; triggerClassName?: string; compact?: boolean }) {
  const t = useTranslations("newClient");
  return (
    <DeferredNewClientDialog
      options={options}
      trigger={
        <Button size={compact ? "icon" : "sm"} isPrimaryAction className={triggerClassName} aria-label={compact ? t("open") : undefined}>
          <Plus aria-hidden="true" />
          {compact ? null : t("open")}
        </Button>
      }
    />
  );
}
