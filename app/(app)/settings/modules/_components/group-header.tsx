"use client";
import { ArrowDown, ArrowUp, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { GroupConfig } from "@/lib/modules/queries";
import { moveGroupAction, removeGroupAction, renameGroupAction } from "../actions";
import { InlineName } from "./inline-name";
import type { useRunAction } from "@/components/forms/use-run-action";
import { moveWithin, neighboursAt } from "./use-synced-state";

/** A group's name and, in manual modules, its rename / move up / move down / remove controls. */
export function GroupHeader({
  group,
  groups,
  index,
  isAutomatic,
  run,
  onReset,
  setGroups,
}: {
  group: GroupConfig;
  groups: GroupConfig[];
  index: number;
  isAutomatic: boolean;
  run: ReturnType<typeof useRunAction>["run"];
  onReset: () => void;
  setGroups: (groups: GroupConfig[]) => void;
}) {
  const t = useTranslations("modules");

  function move(to: number) {
    const next = moveWithin(groups, index, to);
    setGroups(next);
    run(moveGroupAction, { groupId: group.id, ...neighboursAt(next, to) }, { onError: onReset });
  }

  return (
    <div className="mb-2 flex min-h-9 items-center gap-1">
      <h2 className="min-w-0 flex-1 text-sm font-semibold">
        {isAutomatic ? (
          <span className="truncate">{group.name}</span>
        ) : (
          <InlineName
            value={group.name}
            renameLabel={t("rename", { name: group.name })}
            inputLabel={t("nameOf", { name: group.name })}
            className="font-semibold"
            onSave={(name) => {
              setGroups(groups.map((g) => (g.id === group.id ? { ...g, name } : g)));
              run(renameGroupAction, { groupId: group.id, name }, { onError: onReset });
            }}
          />
        )}
      </h2>
      {isAutomatic ? null : (
        <>
          <Button variant="ghost" size="icon" aria-label={t("moveUp", { name: group.name })} disabled={index === 0} onClick={() => move(index - 1)}>
            <ArrowUp aria-hidden="true" />
          </Button>
          <Button
            variant="ghost"
            size="icon"
            aria-label={t("moveDown", { name: group.name })}
            disabled={index === groups.length - 1}
            onClick={() => move(index + 1)}
          >
            <ArrowDown aria-hidden="true" />
          </Button>
          {group.statuses.length === 0 && !group.isSystem ? (
            <Button
              variant="ghost"
              size="icon"
              aria-label={t("removeGroup", { name: group.name })}
              onClick={() => {
                setGroups(groups.filter((g) => g.id !== group.id));
                run(removeGroupAction, { groupId: group.id }, { onError: onReset });
              }}
            >
              <Trash2 aria-hidden="true" />
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
