"use client";
import { useTranslations } from "next-intl";
import type { DeferredProps } from "@/components/ui/deferred";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

export interface ExportMenuProps {
  /** The CSV's address per column set; null: the user may not export (the menu says why). */
  urls: Record<"visible" | "all", string> | null;
}

/** The CSV export of the list as it is filtered: the visible columns or all. Loaded when first opened. */
export default function ExportMenu({ urls, trigger, defaultOpen }: ExportMenuProps & DeferredProps) {
  const t = useTranslations("export");
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="max-w-72">
        {/* Everyone sees the export; those it is not for see why, instead of a missing button. */}
        {urls ? null : <DropdownMenuLabel className="font-normal">{t("onlyAdminsAndManagers")}</DropdownMenuLabel>}
        {(["visible", "all"] as const).map((set) => (
          <DropdownMenuItem key={set} asChild={urls !== null} disabled={!urls}>
            {urls ? (
              <a href={urls[set]} download>
                {t(set === "all" ? "allColumns" : "visibleColumns")}
              </a>
            ) : (
              t(set === "all" ? "allColumns" : "visibleColumns")
            )}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
