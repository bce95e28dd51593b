"use client";
import { useTranslations } from "next-intl";
import type { DeferredProps } from "@/components/ui/deferred";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

export interface DatasheetMenuProps {
  onEditCompany: () => void;
  /** Absent when the business has a datasheet in every module already. */
  onAddToModule?: () => void;
  onTrash: () => void;
}

/** The datasheet's rarer actions (loaded when first opened). */
export default function DatasheetMenu({ onEditCompany, onAddToModule, onTrash, trigger, defaultOpen }: DatasheetMenuProps & DeferredProps) {
  const t = useTranslations("datasheet");
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem onSelect={onEditCompany}>{t("editCompany")}</DropdownMenuItem>
        {onAddToModule ? <DropdownMenuItem onSelect={onAddToModule}>{t("addToModule")}</DropdownMenuItem> : null}
        <DropdownMenuItem variant="danger" onSelect={onTrash}>
          {t("trash")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
