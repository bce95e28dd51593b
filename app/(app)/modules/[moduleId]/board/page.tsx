import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Columns3, KanbanSquare } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/actor";
import { getBoard } from "@/lib/datasheets/list-board";
import { loadModuleSummary } from "@/lib/datasheets/list-query";
import { listUrlParams, parseListUrl, type SearchParamsRecord } from "@/lib/views/url";
import { Board } from "../_components/board";
import { orNotFound, toClientRow } from "../load";

type Props = { params: Promise<{ moduleId: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireUser();
  const { moduleId } = await params;
  const summary = await orNotFound(() => loadModuleSummary(user, moduleId));
  return { title: summary.name };
}

export default async function BoardPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { moduleId } = await params;
  const state = parseListUrl(await searchParams);
  const board = await orNotFound(() => getBoard(user, moduleId, state.filter));
  const t = await getTranslations("clientList");
  const basePath = `/modules/${moduleId}`;
  const here = listUrlParams({ filter: state.filter, sort: state.sort, viewId: state.viewId });
  const now = new Date(board.generatedAt).getTime();

  return (
    <div className="space-y-4">
      <PageHeader
        title={board.module.name}
        actions={
          <nav aria-label={t("layouts")} className="flex gap-1">
            <Button asChild variant="ghost" size="sm">
              <Link href={here.size ? `${basePath}?${here}` : basePath}>
                <Columns3 aria-hidden="true" />
                {t("listLayout")}
              </Link>
            </Button>
            <Button asChild variant="secondary" size="sm">
              <Link href={`${basePath}/board${here.size ? `?${here}` : ""}`} aria-current="page">
                <KanbanSquare aria-hidden="true" />
                {t("boardLayout")}
              </Link>
            </Button>
          </nav>
        }
        className="pb-0"
      />
      <Board
        isDraggable={board.isDraggable}
        now={now}
        groups={board.groups.map((g) => ({
          id: g.id,
          name: g.name,
          columns: g.statuses.map((s) => ({
            id: s.id,
            key: s.key,
            name: s.name,
            color: s.color,
            count: s.count,
            moreHref: `${basePath}?${listUrlParams({ filter: { ...state.filter, statuses: [s.key], groups: undefined }, sort: state.sort })}`,
            cards: s.cards.map((c) => toClientRow(c, user.locale)),
          })),
        }))}
      />
    </div>
  );
}
