import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { StaircaseGroup } from "@/lib/datasheets/list-counts";
import type { ListFilter, ListSort } from "@/lib/views/filter";
import { listUrlParams } from "@/lib/views/url-format";
import { cn } from "@/lib/ui/cn";

/**
 * The module's statuses stacked by group, each with its count under the other filters. A status
 * or a group is a link that filters the list to it (a second click on the active one clears it);
 * the counts follow the search and the other filters.
 */
export async function Staircase({
  basePath,
  groups,
  filter,
  sort,
}: {
  basePath: string;
  groups: StaircaseGroup[];
  filter: ListFilter;
  sort: ListSort;
}) {
  const t = await getTranslations("clientList");
  const hrefFor = (next: Pick<ListFilter, "statuses" | "groups">) => {
    const params = listUrlParams({ filter: { ...filter, ...next }, sort });
    return params.size ? `${basePath}?${params}` : basePath;
  };
  const isAll = !filter.statuses?.length && !filter.groups?.length;
  const total = groups.reduce((n, g) => n + g.count, 0);
  const linkClass = (isActive: boolean) =>
    cn(
      "flex min-h-8 items-center gap-2 rounded-md px-2 text-sm outline-none hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring pointer-coarse:min-h-10",
      isActive && "bg-accent font-medium text-foreground",
    );
  return (
    <nav aria-label={t("staircase")} className="space-y-3" data-testid="staircase">
      <Link href={hrefFor({ statuses: undefined, groups: undefined })} aria-current={isAll ? "true" : undefined} className={linkClass(isAll)}>
        <span className="min-w-0 flex-1 truncate">{t("allStatuses")}</span>
        <span className="text-xs text-muted-foreground tabular-nums">{total}</span>
      </Link>
      {groups.map((group) => {
        const isGroupActive = filter.groups?.length === 1 && filter.groups[0] === group.key && !filter.statuses?.length;
        return (
          <div key={group.id} className="space-y-0.5">
            <Link
              href={hrefFor(isGroupActive ? { statuses: undefined, groups: undefined } : { statuses: undefined, groups: [group.key] })}
              aria-current={isGroupActive ? "true" : undefined}
              className={cn(linkClass(isGroupActive), "text-xs font-semibold tracking-wide text-muted-foreground uppercase")}
            >
              <span className="min-w-0 flex-1 truncate">{group.name}</span>
              <span className="tabular-nums">{group.count}</span>
            </Link>
            <ul className="space-y-0.5">
              {group.statuses.map((status) => {
                const isActive = filter.statuses?.length === 1 && filter.statuses[0] === status.key;
                return (
                  <li key={status.id}>
                    <Link
                      href={hrefFor(isActive ? { statuses: undefined, groups: undefined } : { statuses: [status.key], groups: undefined })}
                      aria-current={isActive ? "true" : undefined}
                      className={linkClass(isActive)}
                    >
                      <span aria-hidden="true" className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: status.color }} />
                      <span className="min-w-0 flex-1 truncate">{status.name}</span>
                      <span className="text-xs text-muted-foreground tabular-nums">{status.count}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
