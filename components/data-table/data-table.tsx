"use client";
import {
  columnVisibilityFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowSelectionState,
  type RowData,
  type SortingState,
  type ColumnVisibilityState as VisibilityState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

/*
 * The one TanStack Table shell: the server sorts, filters and pages; the table owns the column
 * model, visibility and row selection, and this component the markup. On a phone the rows become
 * cards (`renderCard`), because a many-column table cannot be read at 375 px.
 */

export const dataTableFeatures = tableFeatures({ rowSortingFeature, rowSelectionFeature, columnVisibilityFeature });
export type DataTableFeatures = typeof dataTableFeatures;
// The value type varies per column (as in the library's own column helper).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>;

export interface DataTableLabels {
  /** The table's accessible name. */
  caption: string;
  selectAll: string;
  selectRow: (row: unknown) => string;
  sortBy: (header: string) => string;
}

export interface DataTableProps<TData extends { id: string }> {
  data: TData[];
  columns: DataTableColumn<TData>[];
  labels: DataTableLabels;
  /** Server-side sort: the current one, and what to do on a header click. */
  sorting: SortingState;
  onSortingChange: (sorting: SortingState) => void;
  columnVisibility?: VisibilityState;
  /** Selection, when allowed: by row id. */
  rowSelection?: RowSelectionState;
  onRowSelectionChange?: (selection: RowSelectionState) => void;
  renderCard: (row: TData, selection: ReactNode) => ReactNode;
  empty?: ReactNode;
}

const emptySelection: RowSelectionState = {};
const emptyVisibility: VisibilityState = {};

export function DataTable<TData extends { id: string }>({
  data,
  columns,
  labels,
  sorting,
  onSortingChange,
  columnVisibility = emptyVisibility,
  rowSelection,
  onRowSelectionChange,
  renderCard,
  empty,
}: DataTableProps<TData>) {
  const isSelectable = rowSelection !== undefined && onRowSelectionChange !== undefined;
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    enableRowSelection: isSelectable,
    state: { sorting, rowSelection: rowSelection ?? emptySelection, columnVisibility },
    onSortingChange: (updater) => onSortingChange(typeof updater === "function" ? updater(sorting) : updater),
    onRowSelectionChange: (updater) => {
      const current = rowSelection ?? emptySelection;
      onRowSelectionChange?.(typeof updater === "function" ? updater(current) : updater);
    },
  });
  const rows = table.getRowModel().rows;

  const selectBox = (checked: boolean, label: string, onChange: () => void, indeterminate = false) => (
    <input
      type="checkbox"
      className="size-4 cursor-pointer accent-primary pointer-coarse:size-5"
      checked={checked}
      ref={(el) => {
        if (el) el.indeterminate = indeterminate;
      }}
      onChange={onChange}
      aria-label={label}
    />
  );

  if (rows.length === 0 && empty) return <>{empty}</>;

  return (
    <>
      <div className="relative hidden overflow-x-auto rounded-lg border border-border md:block" role="region" aria-label={labels.caption} tabIndex={0}>
        <table className="w-full border-collapse text-sm">
          <thead className="bg-muted/50 text-left">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="border-b border-border">
                {isSelectable ? (
                  <th scope="col" className="w-10 px-3 py-2">
                    {selectBox(
                      table.getIsAllRowsSelected(),
                      labels.selectAll,
                      () => table.toggleAllRowsSelected(),
                      table.getIsSomeRowsSelected(),
                    )}
                  </th>
                ) : null}
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  const title = header.isPlaceholder ? null : <table.FlexRender header={header} />;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className="px-3 py-2 font-medium whitespace-nowrap text-muted-foreground"
                    >
                      {canSort ? (
                        <button
                          type="button"
                          onClick={() => onSortingChange([{ id: header.column.id, desc: sorted === "asc" }])}
                          className="inline-flex items-center gap-1 rounded outline-none hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
                        >
                          {title}
                          {sorted === "asc" ? (
                            <ArrowUp aria-hidden="true" className="size-3.5" />
                          ) : sorted === "desc" ? (
                            <ArrowDown aria-hidden="true" className="size-3.5" />
                          ) : (
                            <ArrowUpDown aria-hidden="true" className="size-3.5 opacity-40" />
                          )}
                        </button>
                      ) : (
                        title
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={cn("border-b border-border last:border-0 hover:bg-muted/40", row.getIsSelected() && "bg-primary/5")}>
                {isSelectable ? (
                  <td className="w-10 px-3 py-2">{selectBox(row.getIsSelected(), labels.selectRow(row.original), () => row.toggleSelected())}</td>
                ) : null}
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2 align-middle">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-col gap-2 md:hidden" aria-label={labels.caption}>
        {rows.map((row) => (
          <li key={row.id} className={cn("rounded-lg border border-border bg-card p-3", row.getIsSelected() && "border-primary/50 bg-primary/5")}>
            {renderCard(
              row.original,
              isSelectable ? selectBox(row.getIsSelected(), labels.selectRow(row.original), () => row.toggleSelected()) : null,
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
