"use client";
import { Download, Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ListField } from "@/lib/datasheets/list-columns";
import type { ListFilter, ListSort } from "@/lib/views/filter";
import { listUrlParams } from "@/lib/views/url-format";
import { ColumnsDialog, type ColumnChoice } from "./columns-dialog";
import { FilterDialog } from "./filter-dialog";
import type { ListPerson } from "./types";
import { useListUrl } from "./use-list-url";
import { SaveViewDialog } from "./view-dialogs";

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
  const { go, isNavigating } = useListUrl({ filter, sort });
  const [q, setQ] = useState(filter.q ?? "");
  const query = listUrlParams({ filter, sort }).toString();

  return (
    <div className="flex flex-wrap items-center gap-2" aria-busy={isNavigating || undefined}>
      <form
        role="search"
        className="relative min-w-0 flex-1 basis-56"
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
      <FilterDialog filter={filter} fields={fields} people={people} onApply={(next) => go({ filter: next })} />
      <ColumnsDialog moduleId={moduleId} choices={columnChoices} chosen={columns} />
      <SaveViewDialog moduleId={moduleId} query={query} canShare={may.shareViews} />
      {may.export ? (
        <Button asChild variant="outline" size="sm">
          <a href={`/api/modules/${moduleId}/export${query ? `?${query}` : ""}`} download>
            <Download aria-hidden="true" />
            {tExport("csv")}
          </a>
        </Button>
      ) : null}
    </div>
  );
}
