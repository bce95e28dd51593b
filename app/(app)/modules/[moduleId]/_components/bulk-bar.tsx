"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { bulkChangeResponsibleAction, bulkChangeStatusAction } from "../../assignment-actions";
import type { ListPerson, ListStatus } from "./types";
import { useRunAction } from "@/components/forms/use-run-action";

/** For admins and managers: change the responsible (and, in manual modules, the status) of the selected rows. */
export function BulkBar({
  selected,
  statuses,
  people,
  canChangeStatus,
  onDone,
}: {
  /** The selected rows, with the version the list shows: a row changed since is not overwritten. */
  selected: { id: string; version: number }[];
  statuses: ListStatus[];
  people: ListPerson[];
  canChangeStatus: boolean;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("bulk");
  const router = useRouter();
  const { run, error, isPending } = useRunAction();
  const [responsible, setResponsible] = useState("");
  const [statusId, setStatusId] = useState("");
  const finish = (data: { changed: number }) => {
    onDone(t("changed", { count: data.changed }));
    router.refresh();
  };
  // A refused change (a row changed meanwhile, say): the list shows the rows as they are now.
  const options = { onOk: finish, onError: () => router.refresh() };

  return (
    <section
      aria-label={t("title")}
      className="flex flex-col gap-2 rounded-lg border border-primary/30 bg-primary/5 p-3 sm:flex-row sm:flex-wrap sm:items-center"
      data-testid="bulk-bar"
    >
      <p className="text-sm font-medium" aria-live="polite">
        {t("selected", { count: selected.length })}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <NativeSelect aria-label={t("responsible")} value={responsible} onChange={(e) => setResponsible(e.target.value)} wrapperClassName="w-auto min-w-40">
          <option value="">{t("chooseResponsible")}</option>
          <option value="none">{t("nobody")}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </NativeSelect>
        <Button
          size="sm"
          disabled={!responsible || isPending}
          onClick={() => run(bulkChangeResponsibleAction, { datasheets: selected, userId: responsible === "none" ? null : responsible }, options)}
        >
          {t("assign")}
        </Button>
      </div>
      {canChangeStatus ? (
        <div className="flex flex-wrap items-center gap-2">
          <NativeSelect aria-label={t("status")} value={statusId} onChange={(e) => setStatusId(e.target.value)} wrapperClassName="w-auto min-w-40">
            <option value="">{t("chooseStatus")}</option>
            {statuses.map((s) => (
              <option key={s.id} value={s.id}>
                {s.groupName} · {s.name}
              </option>
            ))}
          </NativeSelect>
          <Button size="sm" disabled={!statusId || isPending} onClick={() => run(bulkChangeStatusAction, { datasheets: selected, statusId }, options)}>
            {t("move")}
          </Button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </section>
  );
}
