"use client";
import { Fragment } from "react";
import { useTranslations } from "next-intl";
import type { DeferredProps } from "@/components/ui/deferred";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export interface StatusChoiceGroup {
  id: string;
  name: string;
  statuses: { id: string; name: string; color: string }[];
}

export interface CardStatusMenuProps {
  groups: StatusChoiceGroup[];
  statusId: string;
  onChoose: (statusId: string) => void;
}

/**
 * A card's status as a menu: the board's single-pointer (and phone keyboard) alternative to
 * dragging the card into another column (WCAG 2.5.7). Loaded when first opened.
 */
export default function CardStatusMenu({ groups, statusId, onChoose, trigger, defaultOpen }: CardStatusMenuProps & DeferredProps) {
  const t = useTranslations("board");
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        <DropdownMenuRadioGroup value={statusId} onValueChange={(next) => (next === statusId ? null : onChoose(next))} aria-label={t("statusMenu")}>
          {groups.map((group, index) => (
            <Fragment key={group.id}>
              {index > 0 ? <DropdownMenuSeparator /> : null}
              <DropdownMenuLabel>{group.name}</DropdownMenuLabel>
              {group.statuses.map((status) => (
                <DropdownMenuRadioItem key={status.id} value={status.id}>
                  <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ backgroundColor: status.color }} />
                  {status.name}
                </DropdownMenuRadioItem>
              ))}
            </Fragment>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
