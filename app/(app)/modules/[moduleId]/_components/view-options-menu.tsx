"use client";
import { Pencil, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { DeferredProps } from "@/components/ui/deferred";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { RenameViewDialog } from "./view-dialogs";
import type { ViewTab } from "./view-tabs";

export interface ViewOptionsMenuProps {
  view: ViewTab;
  onDelete: (view: ViewTab) => void;
}

/** The active view's menu: rename it (in a dialog) or delete it. Loaded when first opened. */
export default function ViewOptionsMenu({ view, onDelete, trigger, defaultOpen }: ViewOptionsMenuProps & DeferredProps) {
  const t = useTranslations("views");
  const [renaming, setRenaming] = useState<ViewTab | null>(null);
  return (
    <>
      <DropdownMenu defaultOpen={defaultOpen}>
        <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => setRenaming(view)}>
            <Pencil aria-hidden="true" />
            {t("rename")}
          </DropdownMenuItem>
          <DropdownMenuItem variant="danger" onSelect={() => onDelete(view)}>
            <Trash2 aria-hidden="true" />
            {t("delete")}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {renaming ? <RenameViewDialog view={renaming} onClose={() => setRenaming(null)} /> : null}
    </>
  );
}
