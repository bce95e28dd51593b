import "server-only";
import { and, count } from "drizzle-orm";
import { getDb } from "@/db/client";
import { datasheets } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { filterCondition } from "@/lib/views/conditions";
import type { ListFilter } from "@/lib/views/filter";
import { visibleDatasheets } from "./access";
import { loadListScope, type ListScope } from "./list-query";

export interface StaircaseStatus {
  id: string;
  key: string;
  name: string;
  color: string;
  count: number;
}

export interface StaircaseGroup {
  id: string;
  key: string;
  name: string;
  count: number;
  statuses: StaircaseStatus[];
}

/**
 * How many of the actor's visible datasheets sit in each status, under every part of the filter
 * except the status and group (so the staircase shows where the search's results are), in one
 * grouped statement.
 */
export async function countByStatus(actor: Actor, scope: ListScope, filter: ListFilter): Promise<Map<string, number>> {
  const db = await getDb();
  const rest: ListFilter = { ...filter, statuses: undefined, groups: undefined };
  const rows = await db
    .select({ statusId: datasheets.statusId, count: count() })
    .from(datasheets)
    .where(and(visibleDatasheets(actor), filterCondition(rest, scope.context, actor.userId)))
    .groupBy(datasheets.statusId);
  return new Map(rows.map((r) => [r.statusId, r.count]));
}

/** The module's statuses stacked by group, each with its count: the list's "staircase". */
export async function getStaircase(actor: Actor, moduleId: string, filter: ListFilter): Promise<StaircaseGroup[]> {
  const db = await getDb();
  return staircaseFor(actor, await loadListScope(db, actor, moduleId), filter);
}

/** The staircase of a module whose scope (with its statuses) the caller has loaded already. */
export async function staircaseFor(actor: Actor, scope: ListScope, filter: ListFilter): Promise<StaircaseGroup[]> {
  const counts = await countByStatus(actor, scope, filter);
  const groups: StaircaseGroup[] = [];
  for (const s of scope.statuses) {
    let group = groups.at(-1);
    if (!group || group.id !== s.groupId) {
      group = { id: s.groupId, key: s.groupKey, name: s.groupName, count: 0, statuses: [] };
      groups.push(group);
    }
    const n = counts.get(s.id) ?? 0;
    group.count += n;
    group.statuses.push({ id: s.id, key: s.key, name: s.name, color: s.color, count: n });
  }
  return groups;
}
