import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Columns3, KanbanSquare } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/actor";
import { builtInColumns } from "@/lib/datasheets/list-columns";
import { getListPage } from "@/lib/datasheets/list-page";
import { loadModuleSummary } from "@/lib/datasheets/list-query";
import { listUrlParams, parseListUrl, type SearchParamsRecord } from "@/lib/views/url";
import { ClientTable } from "./_components/client-table";
import { ListToolbar } from "./_components/list-toolbar";
import { Staircase } from "./_components/staircase";
import type { ListStatus } from "./_components/types";
import { ViewTabs } from "./_components/view-tabs";
import { loadListFrame, orNotFound, toClientRow } from "./load";

type Props = { params: Promise<{ moduleId: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireUser();
  const { moduleId } = await params;
  const summary = await orNotFound(() => loadModuleSummary(user, moduleId));
  return { title: summary.name };
}

export default async function ClientListPage({ params, searchParams }: Props) {
  const { moduleId } = await params;
  const state = parseListUrl(await searchParams);
  const frame = await orNotFound(() => loadListFrame(moduleId));
  const { user, columns, fields, views, people, may, now } = frame;
  const fieldKeys = columns.filter((c) => c.startsWith("field:")).map((c) => c.slice(6));
  const page = await orNotFound(() => getListPage(user, moduleId, { filter: state.filter, sort: state.sort, cursor: state.cursor, fieldKeys }));
  const stairs = page.staircase;
  const t = await getTranslations("clientList");
  const basePath = `/modules/${moduleId}`;
  const statuses: ListStatus[] = stairs.flatMap((g) => g.statuses.map((s) => ({ id: s.id, key: s.key, name: s.name, color: s.color, groupName: g.name })));
  const selected = new Set(stairs.flatMap((g) => g.statuses.filter((s) => state.filter.statuses?.includes(s.key) || state.filter.groups?.includes(g.key))));
  const matching = selected.size ? [...selected].reduce((n, s) => n + s.count, 0) : stairs.reduce((n, g) => n + g.count, 0);
  const here = listUrlParams({ filter: state.filter, sort: state.sort, viewId: state.viewId });
  const pageHref = (cursor: string | null) =>
    cursor ? `${basePath}?${listUrlParams({ filter: state.filter, sort: state.sort, viewId: state.viewId, cursor })}` : null;
  const nextHref = pageHref(page.nextCursor);
  const prevHref = pageHref(page.prevCursor);
  // Two pages or more back: "first page" as well as "previous".
  const firstHref = page.prevCursor ? (here.size ? `${basePath}?${here}` : basePath) : null;
  const columnChoices = [
    ...builtInColumns.map((id) => ({ id, label: t(`columns.${id}`) })),
    ...fields.filter((f) => f.type !== "long_text").map((f) => ({ id: `field:${f.key}`, label: f.label })),
  ];

  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <PageHeader
        title={page.module.name}
        description={t("count", { count: matching })}
        actions={
          <nav aria-label={t("layouts")} className="flex gap-1">
            <Button asChild variant="secondary" size="sm">
              <Link href={here.size ? `${basePath}?${here}` : basePath} aria-current="page">
                <Columns3 aria-hidden="true" />
                {t("listLayout")}
              </Link>
            </Button>
            <Button asChild variant="ghost" size="sm">
              <Link href={`${basePath}/board${here.size ? `?${here}` : ""}`}>
                <KanbanSquare aria-hidden="true" />
                {t("boardLayout")}
              </Link>
            </Button>
          </nav>
        }
        className="pb-0"
      />
      <ViewTabs
        allHref={basePath}
        activeId={state.viewId}
        views={views.map((v) => ({
          id: v.id,
          name: v.name,
          isShared: v.isShared,
          canManage: v.canManage,
          href: `${basePath}?${listUrlParams({ filter: v.definition, sort: v.definition.sort, viewId: v.id })}`,
        }))}
      />
      <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
        {/* Not an <aside>: the app shell's sidebar is the page's one complementary landmark. */}
        <div className="hidden lg:block">
          <Staircase basePath={basePath} groups={stairs} filter={state.filter} sort={state.sort} />
        </div>
        <details className="rounded-lg border border-border p-2 lg:hidden">
          <summary className="cursor-pointer px-1 text-sm font-medium">{t("statusesSummary")}</summary>
          <div className="pt-2">
            <Staircase basePath={basePath} groups={stairs} filter={state.filter} sort={state.sort} />
          </div>
        </details>
        <div className="min-w-0 space-y-3">
          <ListToolbar
            moduleId={moduleId}
            filter={state.filter}
            sort={state.sort}
            fields={fields}
            people={people}
            columnChoices={columnChoices}
            columns={columns}
            may={may}
          />
          <ClientTable
            key={`${here}|${state.cursor ?? ""}`}
            rows={page.rows.map((r) => toClientRow(r, user.locale))}
            columns={columns}
            fields={fields}
            statuses={statuses}
            people={people}
            filter={state.filter}
            sort={state.sort}
            canBulkEdit={may.bulkEdit}
            canChangeStatus={may.bulkEdit && !page.module.isAutomatic}
            now={now}
          />
          {nextHref || prevHref ? (
            <nav aria-label={t("pages")} className="flex flex-wrap justify-between gap-2">
              <div className="flex gap-2">
                <PageLink href={firstHref} variant="ghost" label={t("firstPage")} />
                <PageLink href={prevHref} rel="prev" label={t("previousPage")} />
              </div>
              <PageLink href={nextHref} rel="next" label={t("nextPage")} />
            </nav>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function PageLink({ href, label, rel, variant = "outline" }: { href: string | null; label: string; rel?: "prev" | "next"; variant?: "outline" | "ghost" }) {
  if (!href) return null;
  return (
    <Button asChild variant={variant} size="sm">
      <Link href={href} rel={rel}>
        {label}
      </Link>
    </Button>
  );
}
