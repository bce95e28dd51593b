"use client";
import { useTranslations } from "next-intl";
import { UserAvatar } from "@/components/ui/avatar";
import type { DeferredProps } from "@/components/ui/deferred";
import { DropdownMenu, DropdownMenuContent, DropdownMenuRadioGroup, DropdownMenuRadioItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { Person } from "@/lib/datasheets/page";
import { usePerson } from "./page-ui";

export interface ResponsibleMenuProps {
  responsibleUserId: string | null;
  team: Person[];
  /** The chosen user's id, or "" for nobody. */
  onChoose: (userId: string) => void;
}

function PersonOption({ person }: { person: Person }) {
  const shown = usePerson(person.id);
  return (
    <span className="flex min-w-0 items-center gap-2">
      <UserAvatar
        name={shown?.name ?? "?"}
        src={shown?.src}
        size="xs"
        decorative
      />
      <span className="truncate">{shown?.name}</span>
    </span>
  );
}

/** The team to choose the responsible user from, with avatars (loaded when first opened). */
export default function ResponsibleMenu({ responsibleUserId, team, onChoose, trigger, defaultOpen }: ResponsibleMenuProps & DeferredProps) {
  const t = useTranslations("datasheet");
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuRadioGroup value={responsibleUserId ?? ""} onValueChange={onChoose}>
          <DropdownMenuRadioItem value="">{t("nobody")}</DropdownMenuRadioItem>
          {team.map((person) => (
            <DropdownMenuRadioItem key={person.id} value={person.id}>
              <PersonOption person={person} />
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
