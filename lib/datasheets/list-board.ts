import "server-only";
import { and, asc, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { datasheets } from "@/db/schema";
import type { UserActor } from "@/lib/auth/permissions";
import type { ConfigReader } from "@/lib/workspaces/config";
import { filterCondition } from "@/lib/views/conditions";
import type { ListFilter } from "@/lib/views/filter";
import { visibleDatasheets } from "./access";
import { staircaseFor, type StaircaseGroup, type StaircaseStatus } from "./list-counts";
import { enrichPage, pageRowColumns, requestListScope, type ListModule, type ListRow } from "./list-query";

export const boardCardsPerColumn = 20;

export interface BoardColumn extends StaircaseStatus {
  cards: ListRow[];
}

export interface Board {
  module: ListModule;
  /** Manual modules only: in the automatic one the status follows from facts. */
  isDraggable: boolean;
  /** When it was read: overdue marks compare against it. */
  generatedAt: string;
  groups: (Omit<StaircaseGroup, "statuses"> & { statuses: BoardColumn[] })[];
}

/**
 * The kanban board: a column per status (by group), the first cards of each in name order and the
 * column's full count, for the actor's visible datasheets under the filter (its status part
 * aside: every status is a column). One windowed statement for all columns' cards.
 */
export async function getBoard(actor: UserActor & ConfigReader, moduleId: string, filter: ListFilter, perColumn = boardCardsPerColumn): Promise<Board> {
  const db = await getDb();
  const scope = await requestListScope(actor, moduleId);
  const rest: ListFilter = { ...filter, statuses: undefined, groups: undefined };
  const ranked = db
    .select({
      ...pageRowColumns,
      sortValue: sql<string | null>`null`.as("sort_value"),
      rn: sql<number>`row_number() over (partition by ${datasheets.statusId} order by ${datasheets.businessName}, ${datasheets.id})`.as("rn"),
    })
    .from(datasheets)
    .where(and(visibleDatasheets(actor), filterCondition(rest, scope.context, actor.userId)))
    .as("ranked");
  const [stairs, rows] = await Promise.all([
    staircaseFor(actor, scope, rest),
    db
      .select()
      .from(ranked)
      .where(sql`${ranked.rn} <= ${perColumn}`)
      .orderBy(asc(ranked.statusId), asc(ranked.rn)),
  ]);
  const cards = await enrichPage(db, actor, scope, rows, []);
  return {
    module: scope.module,
    isDraggable: !scope.module.isAutomatic,
    generatedAt: new Date().toISOString(),
    groups: stairs.map((group) => ({
      ...group,
      statuses: group.statuses.map((status) => ({ ...status, cards: cards.filter((c) => c.statusId === status.id) })),
    })),
  };
}
