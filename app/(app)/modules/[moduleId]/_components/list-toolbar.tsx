"use client";
import { Bookmark, Columns3, Download, Search, SlidersHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { deferred } from "@/components/ui/deferred";
import { Input } from "@/components/ui/input";
import type { ListField } from "@/lib/datasheets/list-columns";
import type { ListFilter, ListSort } from "@/lib/views/filter";
import { listUrlParams } from "@/lib/views/url-format";
import type { ColumnChoice, ColumnsDialogProps } from "./columns-dialog";
import type { ExportMenuProps } from "./export-menu";
import type { FilterDialogProps } from "./filter-dialog";
import type { ListPerson } from "./types";
import { useListUrl } from "./use-list-url";
import type { SaveViewDialogProps } from "./view-dialogs";

// The dialogs and the export menu load when first opened: the list's first load carries only their buttons.
const FilterDialog = deferred<FilterDialogProps>(() => import("./filter-dialog"), "dialog");
const ColumnsDialog = deferred<ColumnsDialogProps>(() => import("./columns-dialog"), "dialog");
const SaveViewDialog = deferred<SaveViewDialogProps>(() => import("./view-dialogs"), "dialog");
const ExportMenu = deferred<ExportMenuProps>(() => import("./export-menu"), "menu");

/** How many filters besides status and search are set: the Filters button counts them. */
function activeFilterCount(filter: ListFilter): number {
  return (filter.responsible?.length ? 1 : 0) + Object.keys(filter.fields ?? {}).length;
}

/** Search, filters, columns, "save as view" and the CSV export of the current filter. */
export function ListToolbar({
  moduleId,
  filter,
  sort,
  fields,
  people,
  columnChoices,
  columns,
  may,
}: {
  moduleId: string;
  filter: ListFilter;
  sort: ListSort;
  fields: ListField[];
  people: ListPerson[];
  columnChoices: ColumnChoice[];
  columns: string[];
  may: { export: boolean; shareViews: boolean };
}) {
  const t = useTranslations("clientList");
  const tExport = useTranslations("export");
  const tViews = useTranslations("views");
  const { go, isNavigating } = useListUrl({ filter, sort });
  const [q, setQ] = useState(filter.q ?? "");
  const query = listUrlParams({ filter, sort }).toString();
  const activeFilters = activeFilterCount(filter);
  const exportUrl = (set: "visible" | "all") => {
    const params = new URLSearchParams(query);
    if (set === "all") params.set("columns", "all");
    return `/api/modules/${moduleId}/export?${params}`;
  };

  return (
    <div className="flex flex-wrap items-center gap-2" aria-busy={isNavigating || undefined}>
      <form
        role="search"
        // A row of its own on a phone: the placeholder says what is searched, and it must show whole.
        className="relative min-w-0 flex-1 basis-full sm:basis-72"
        onSubmit={(e) => {
          e.preventDefault();
          go({ filter: { ...filter, q: q.trim() || undefined } });
        }}
      >
        <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input
          type="search"
          name="q"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t("searchPlaceholder")}
          aria-label={t("search")}
          className="pl-8"
          maxLength={200}
        />
      </form>
      <FilterDialog
        filter={filter}
        fields={fields}
        people={people}
        onApply={(next) => go({ filter: next })}
        trigger={
          <Button variant="outline" size="sm">
            <SlidersHorizontal aria-hidden="true" />
            {activeFilters ? t("filtersActive", { count: activeFilters }) : t("filters")}
          </Button>
        }
      />
      <ColumnsDialog
        moduleId={moduleId}
        choices={columnChoices}
        chosen={columns}
        trigger={
          <Button variant="outline" size="sm">
            <Columns3 aria-hidden="true" />
            {t("chooseColumns")}
          </Button>
        }
      />
      <SaveViewDialog
        moduleId={moduleId}
        query={query}
        canShare={may.shareViews}
        trigger={
          <Button variant="outline" size="sm">
            <Bookmark aria-hidden="true" />
            {tViews("save")}
          </Button>
        }
      />
      <ExportMenu
        urls={may.export ? { visible: exportUrl("visible"), all: exportUrl("all") } : null}
        trigger={
          <Button variant="outline" size="sm">
            <Download aria-hidden="true" />
            {tExport("csv")}
          </Button>
        }
      />
    </div>
  );
}
