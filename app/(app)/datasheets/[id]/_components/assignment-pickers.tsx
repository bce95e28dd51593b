"use client";
import { ChevronDown } from "lucide-react";
import { useTranslations } from "next-intl";
import {
  changeResponsibleAction,
  changeStatusAction,
} from "@/app/(app)/modules/assignment-actions";
import { UserAvatar } from "@/components/ui/avatar";
import { ColorChip } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { deferred } from "@/components/ui/deferred";
import { NativeSelect } from "@/components/ui/native-select";
import type { PageStatus, Person } from "@/lib/datasheets/page";
import type { usePageAction } from "./page-actions";
import { usePerson } from "./page-ui";
import type { ResponsibleMenuProps } from "./responsible-menu";

// The team menu loads when first opened.
const ResponsibleMenu = deferred<ResponsibleMenuProps>(() => import("./responsible-menu"), "menu");

type Run = ReturnType<typeof usePageAction>["run"];

/** The status chip in its colour; in a manual module a select beside it moves the datasheet. */
export function StatusPicker(props: {
  datasheetId: string;
  version: number;
  status: PageStatus;
  statuses: PageStatus[];
  isAutomatic: boolean;
  run: Run;
  isPending: boolean;
}) {
  const t = useTranslations("datasheet");
  const { status } = props;
  const groups = [...new Set(props.statuses.map((s) => s.groupName))];
  if (props.isAutomatic) {
    return (
      <div className="flex min-w-0 items-center gap-2">
        <ColorChip color={status.color} data-testid="status-chip">
          {status.name}
        </ColorChip>
        <span className="text-xs text-muted-foreground">
          {t("automaticStatus")}
        </span>
      </div>
    );
  }
  // In a manual module the chip is the picker: a select drawn in the status colour.
  return (
    <span className="inline-flex" style={{ color: status.textColor }}>
      <NativeSelect
        aria-label={t("changeStatus")}
        data-testid="status-chip"
        value={status.id}
        disabled={props.isPending}
        wrapperClassName="w-auto [&>svg]:text-current"
        className="h-8 max-w-56 rounded-full border-transparent pl-3 text-xs font-medium pointer-coarse:h-9"
        style={{ backgroundColor: status.color, color: status.textColor }}
        onChange={(e) =>
          props.run(changeStatusAction, {
            datasheetId: props.datasheetId,
            statusId: e.target.value,
            version: props.version,
          })
        }
      >
        {groups.map((group) => (
          <optgroup key={group} label={group}>
            {props.statuses
              .filter((s) => s.groupName === group)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </optgroup>
        ))}
      </NativeSelect>
    </span>
  );
}

/** Who is responsible, with avatars; restricted users may pick only themselves or nobody (the service says so too). */
export function ResponsiblePicker(props: {
  datasheetId: string;
  version: number;
  responsibleUserId: string | null;
  team: Person[];
  run: Run;
  isPending: boolean;
}) {
  const t = useTranslations("datasheet");
  const current = usePerson(props.responsibleUserId);
  const label = current?.name ?? t("nobody");
  return (
    <ResponsibleMenu
      responsibleUserId={props.responsibleUserId}
      team={props.team}
      onChoose={(userId) => props.run(changeResponsibleAction, { datasheetId: props.datasheetId, userId, version: props.version })}
      trigger={
        <Button
          variant="ghost"
          size="sm"
          className="max-w-full gap-1.5 px-2"
          aria-label={t("responsibleIs", { name: label })}
          disabled={props.isPending}
        >
          <UserAvatar name={current?.name ?? "?"} src={current?.src} size="xs" decorative />
          <span className="truncate">{label}</span>
          <ChevronDown aria-hidden="true" className="text-muted-foreground" />
        </Button>
      }
    />
  );
}
