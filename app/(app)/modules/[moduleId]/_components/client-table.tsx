"use client";
import { createColumnHelper, type RowSelectionState } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { DataTable, type DataTableColumn, type DataTableFeatures } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { ListField } from "@/lib/datasheets/list-columns";
import type { ListFilter, ListSort } from "@/lib/views/filter";
import { BulkBar } from "./bulk-bar";
import { DateText, FieldValueText, NextTodo, Person, StatusChip } from "./cells";
import type { ClientRow, ListPerson, ListStatus } from "./types";
import { useListUrl } from "./use-list-url";

const helper = createColumnHelper<DataTableFeatures, ClientRow>();

/** The list's rows: a table on a desktop, cards on a phone; selection and bulk changes for admins and managers. */
export function ClientTable({
  rows,
  columns: chosen,
  fields,
  statuses,
  people,
  filter,
  sort,
  canBulkEdit,
  canChangeStatus,
  now,
}: {
  rows: ClientRow[];
  columns: string[];
  fields: ListField[];
  statuses: ListStatus[];
  people: ListPerson[];
  filter: ListFilter;
  sort: ListSort;
  canBulkEdit: boolean;
  canChangeStatus: boolean;
  /** The server's "now", so overdue marks match between server and client render. */
  now: number;
}) {
  const t = useTranslations("clientList");
  const { go } = useListUrl({ filter, sort });
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [notice, setNotice] = useState<string | null>(null);
  const statusOf = useMemo(() => new Map(statuses.map((s) => [s.id, s])), [statuses]);

  const columns = useMemo(() => {
    const all: DataTableColumn<ClientRow>[] = [
      helper.accessor("businessName", {
        id: "name",
        header: t("columns.name"),
        cell: (info) => (
          <Link href={`/datasheets/${info.row.original.id}`} className="block min-w-40 font-medium text-foreground underline-offset-4 hover:underline">
            {info.getValue()}
          </Link>
        ),
      }),
      helper.accessor("statusId", { id: "status", header: t("columns.status"), cell: (info) => <StatusChip status={statusOf.get(info.getValue())} /> }),
      helper.accessor("responsible", { id: "responsible", header: t("columns.responsible"), cell: (info) => <Person person={info.getValue()} /> }),
      helper.accessor("nextTodo", { id: "nextTodo", header: t("columns.nextTodo"), cell: (info) => <NextTodo todo={info.getValue()} now={now} /> }),
      helper.accessor("lastContactAt", { id: "lastContact", header: t("columns.lastContact"), cell: (info) => <DateText value={info.getValue()} /> }),
      helper.accessor("createdAt", { id: "created", header: t("columns.created"), cell: (info) => <DateText value={info.getValue()} /> }),
      ...fields
        .filter((f) => f.type !== "long_text")
        .map((field) =>
          helper.display({
            id: `field:${field.key}`,
            header: field.label,
            enableSorting: true,
            cell: (info) => <FieldValueText field={field} value={info.row.original.fields[field.key] ?? null} people={people} />,
          }),
        ),
    ];
    return all;
  }, [t, statusOf, fields, people, now]);

  const visibility = useMemo(
    () => Object.fromEntries(columns.map((c) => [c.id!, c.id === "name" || chosen.includes(c.id!)])),
    [columns, chosen],
  );
  // Only rows of this page can be selected: a new page starts with none.
  const selectedIds = Object.keys(selection).filter((id) => selection[id] && rows.some((r) => r.id === id));
  const shownFields = fields.filter((f) => chosen.includes(`field:${f.key}`));

  return (
    <div className="space-y-3">
      {canBulkEdit && selectedIds.length > 0 ? (
        <BulkBar
          selected={rows.filter((r) => selectedIds.includes(r.id)).map((r) => ({ id: r.id, version: r.version }))}
          statuses={statuses}
          people={people}
          canChangeStatus={canChangeStatus}
          onDone={(message) => {
            setSelection({});
            setNotice(message);
          }}
        />
      ) : null}
      {notice ? (
        <p role="status" className="text-sm text-success">
          {notice}
        </p>
      ) : null}
      <DataTable
        data={rows}
        columns={columns}
        labels={{
          caption: t("tableCaption"),
          selectAll: t("selectAll"),
          selectRow: (row) => t("selectRow", { name: (row as ClientRow).businessName }),
          sortBy: (header) => t("sortBy", { column: header }),
        }}
        sorting={[{ id: sort.by, desc: sort.dir === "desc" }]}
        onSortingChange={(next) => {
          const first = next[0];
          if (first) go({ sort: { by: first.id as ListSort["by"], dir: first.desc ? "desc" : "asc" } });
        }}
        columnVisibility={visibility}
        rowSelection={canBulkEdit ? selection : undefined}
        onRowSelectionChange={canBulkEdit ? setSelection : undefined}
        empty={<EmptyState title={t("emptyTitle")} description={t("emptyText")} />}
        renderCard={(row, select) => (
          <div className="flex items-start gap-3">
            {select ? <div className="pt-0.5">{select}</div> : null}
            <div className="min-w-0 flex-1 space-y-1.5">
              <div className="flex items-start justify-between gap-2">
                <Link href={`/datasheets/${row.id}`} className="min-w-0 font-medium break-words underline-offset-4 hover:underline">
                  {row.businessName}
                </Link>
                <StatusChip status={statusOf.get(row.statusId)} />
              </div>
              <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
                {chosen.includes("responsible") ? (
                  <>
                    <dt className="text-muted-foreground">{t("columns.responsible")}</dt>
                    <dd className="min-w-0"><Person person={row.responsible} /></dd>
                  </>
                ) : null}
                {chosen.includes("nextTodo") ? (
                  <>
                    <dt className="text-muted-foreground">{t("columns.nextTodo")}</dt>
                    <dd className="min-w-0"><NextTodo todo={row.nextTodo} now={now} /></dd>
                  </>
                ) : null}
                {chosen.includes("lastContact") ? (
                  <>
                    <dt className="text-muted-foreground">{t("columns.lastContact")}</dt>
                    <dd><DateText value={row.lastContactAt} /></dd>
                  </>
                ) : null}
                {chosen.includes("created") ? (
                  <>
                    <dt className="text-muted-foreground">{t("columns.created")}</dt>
                    <dd><DateText value={row.createdAt} /></dd>
                  </>
                ) : null}
                {shownFields.map((field) => (
                  <div key={field.key} className="contents">
                    <dt className="text-muted-foreground">{field.label}</dt>
                    <dd className="min-w-0"><FieldValueText field={field} value={row.fields[field.key] ?? null} people={people} /></dd>
                  </div>
                ))}
              </dl>
            </div>
          </div>
        )}
      />
    </div>
  );
}
