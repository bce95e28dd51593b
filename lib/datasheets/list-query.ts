import "server-only";
import { groupBy } from "@/lib/group-by";
import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import { getDb } from "@/db/client";
import { datasheets, datasheetValues, fields, modules, statuses, statusGroups, todos, users, workspaces, type ModuleKind } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { fromStoredValues } from "@/lib/fields/storage";
import type { FieldValue } from "@/lib/fields/values";
import { assertId } from "@/lib/ids";
import { configModule, getWorkspaceConfig, configStatusJson, type ConfigPerson, type ConfigReader, type ConfigStatus } from "@/lib/workspaces/config";
import { filterCondition, statusesMatching, type FilterContext } from "@/lib/views/conditions";
import { defaultSort, type ListFilter, type ListSort } from "@/lib/views/filter";
import { visibleDatasheets } from "./access";
import { afterCursor, decodeCursor, encodeCursor, orderByOf, planSort, reversed, sortJoins, sortValue, type CursorPosition, type SortPlan } from "./list-sort";

export const listPageSize = 50;
export const maxListPageSize = 1000;

export interface ListModule {
  id: string;
  name: string;
  kind: ModuleKind;
  isAutomatic: boolean;
}

export interface ListScope {
  module: ListModule;
  /** The module's statuses in staircase order, with their names and groups. */
  statuses: ConfigStatus[];
  context: FilterContext;
  /** Everyone of the workspace, when the scope came from its configuration: a page's responsible users need no read. */
  team?: ConfigPerson[];
}

/** The module of a list page: of the reader's workspace and not archived, or "not found". */
export async function loadModuleSummary(reader: ConfigReader, moduleId: string): Promise<ListModule> {
  assertId(moduleId);
  const { id, name, kind, isAutomatic } = configModule(await getWorkspaceConfig(reader), moduleId);
  return { id, name, kind, isAutomatic };
}

/**
 * A page's scope from the workspace's configuration (read once per request and cached across
 * requests, lib/workspaces/config.ts): what `loadListScope` reads, without a statement. For pages,
 * outside a transaction; a service inside one reads its own (`loadListScope`).
 */
export async function requestListScope(reader: ConfigReader, moduleId: string): Promise<ListScope> {
  assertId(moduleId);
  const config = await getWorkspaceConfig(reader);
  const found = configModule(config, moduleId);
  return { ...scopeOf(reader.workspaceId, config.timeZone, found, found.statuses, found.fields), team: config.team };
}

/**
 * The module (of the actor's workspace, not archived) and what its filter keys mean, in one
 * statement: every list, board, export and API page starts here.
 */
export async function loadListScope(db: Db | Tx, actor: Actor, moduleId: string): Promise<ListScope> {
  assertId(moduleId);
  const [module] = await db
    .select({
      id: modules.id,
      name: modules.name,
      kind: modules.kind,
      timeZone: sql<string>`(select w.time_zone from ${workspaces} w where w.id = ${actor.workspaceId})`,
      statuses: sql<ConfigStatus[]>`(
        select coalesce(json_agg(${configStatusJson()} order by g.position, g.id, s.position, s.id), '[]'::json)
          from ${statuses} s join ${statusGroups} g on g.id = s.group_id
         where s.module_id = ${moduleId} and s.workspace_id = ${actor.workspaceId})`,
      fields: sql<FilterContext["fields"]>`(
        select coalesce(json_agg(json_build_object('id', f.id, 'key', f.key, 'type', f.type, 'isSystem', f.is_system) order by f.position, f.id), '[]'::json)
          from ${fields} f
         where f.module_id = ${moduleId} and f.workspace_id = ${actor.workspaceId} and f.archived_at is null)`,
    })
    .from(modules)
    .where(and(eq(modules.id, moduleId), eq(modules.workspaceId, actor.workspaceId), isNull(modules.archivedAt)));
  if (!module) throw new NotFoundError();
  const { statuses: statusList, fields: fieldList, timeZone, ...summary } = module;
  return scopeOf(actor.workspaceId, timeZone, summary, statusList, fieldList);
}

function scopeOf(
  workspaceId: string,
  timeZone: string,
  module: Omit<ListModule, "isAutomatic">,
  statusList: ConfigStatus[],
  fieldList: FilterContext["fields"],
): ListScope {
  return {
    module: { id: module.id, name: module.name, kind: module.kind, isAutomatic: module.kind === "sales_auto" },
    statuses: statusList,
    context: {
      moduleId: module.id,
      workspaceId,
      timeZone,
      statuses: statusList.map(({ id, key, groupKey, rank }) => ({ id, key, groupKey, rank })),
      fields: fieldList.map(({ id, key, type, isSystem }) => ({ id, key, type, isSystem })),
    },
  };
}

export interface ListQuery {
  filter: ListFilter;
  sort?: ListSort;
  cursor?: string | null;
  limit?: number;
}

export interface PageRow {
  id: string;
  version: number;
  businessId: string;
  businessName: string;
  statusId: string;
  responsibleUserId: string | null;
  lastContactAt: Date | null;
  nextTodoId: string | null;
  nextTodoDueAt: Date | null;
  createdAt: Date;
  sortValue: string | null;
}

/** What a list page (and a board card) reads of each datasheet row, besides its sort value. */
export const pageRowColumns = {
  id: datasheets.id,
  version: datasheets.version,
  businessId: datasheets.businessId,
  businessName: datasheets.businessName,
  statusId: datasheets.statusId,
  responsibleUserId: datasheets.responsibleUserId,
  lastContactAt: datasheets.lastContactAt,
  nextTodoId: datasheets.nextTodoId,
  nextTodoDueAt: datasheets.nextTodoDueAt,
  createdAt: datasheets.createdAt,
};

/**
 * One page of the list's datasheets, in one indexed statement: the actor's visible datasheets of
 * the module matching the filter, in the sort order, after (or, for the previous page, before) the
 * cursor. The cursor is a row's (sort value, id), so a page never repeats or skips a row of the
 * original set, however many datasheets are added meanwhile; unlike OFFSET, page 2,000 costs what
 * page 1 does.
 */
export async function queryListPage(
  db: Db | Tx,
  actor: Actor,
  scope: ListScope,
  query: ListQuery,
): Promise<{ rows: PageRow[]; nextCursor: string | null; prevCursor: string | null }> {
  const sort = query.sort ?? defaultSort;
  const limit = Math.min(Math.max(query.limit ?? listPageSize, 1), maxListPageSize);
  // A sort on a field no longer in the module falls back to the default one.
  const planOptions = { isSearch: Boolean(query.filter.q) };
  const requested = planSort(sort, scope.context, planOptions);
  const effectiveSort = requested ? sort : defaultSort;
  const plan = requested ?? planSort(defaultSort, scope.context, planOptions)!;
  const position = decodeCursor(query.cursor ?? null, effectiveSort);
  // The page before a position is read backwards from it (and turned round).
  const seek = (at: CursorPosition | null) =>
    seekRows(db, actor, scope, query.filter, plan, at?.side === "before" ? reversed(effectiveSort.dir) : effectiveSort.dir, at, limit + 1);
  const cursorAt = (row: PageRow | CursorPosition, side: CursorPosition["side"]) =>
    encodeCursor(effectiveSort, "sortValue" in row ? row.sortValue : row.value, row.id, side);

  if (position?.side === "before") {
    const rows = await seek(position);
    // Fewer rows before it than a page: the previous page is the first one.
    if (rows.length <= limit) return queryListPage(db, actor, scope, { ...query, cursor: null });
    const page = rows.slice(0, limit).reverse();
    return { rows: page, nextCursor: cursorAt(page.at(-1)!, "after"), prevCursor: cursorAt(page[0]!, "before") };
  }
  const rows = await seek(position);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const first = page[0] ?? position;
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? cursorAt(last, "after") : null,
    // Only a page reached by a cursor has rows before it.
    prevCursor: position && first ? cursorAt(first, "before") : null,
  };
}

/**
 * The status sort read status by status. Its order (group, then status position) comes from two
 * other tables, so no index holds it and sorting the module's rows costs what the module's size
 * does (150 ms for 100,000). But the statuses are few and known: each contributes its datasheets in
 * id order from the (status, id) index, at most `count` of them, and the union of those short runs
 * is sorted. A status's rank is the same text the plan's expression gives, compared byte by byte.
 */
async function seekByStatus(
  db: Db | Tx,
  actor: Actor,
  scope: ListScope,
  filter: ListFilter,
  dir: ListSort["dir"],
  at: { value: string | null; id: string } | null,
  count: number,
): Promise<PageRow[]> {
  const byRank = (a: { rank: string }, b: { rank: string }) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0);
  const ordered = [...statusesMatching(filter, scope.context)].sort(dir === "asc" ? byRank : (a, b) => byRank(b, a));
  const from = at?.value ?? null;
  const remaining = from === null ? ordered : ordered.filter((s) => (dir === "asc" ? s.rank >= from : s.rank <= from));
  if (remaining.length === 0) return [];
  const matching = filterCondition(filter, scope.context, actor.userId);
  const branch = (status: { id: string; rank: string }) =>
    db
      .select({ ...pageRowColumns, sortValue: sql<string | null>`(${status.rank}::text collate "C")`.as("sort_value") })
      .from(datasheets)
      .where(
        and(
          visibleDatasheets(actor),
          matching,
          eq(datasheets.statusId, status.id),
          at && status.rank === from ? (dir === "asc" ? gt(datasheets.id, at.id) : lt(datasheets.id, at.id)) : undefined,
        ),
      )
      .orderBy(dir === "asc" ? asc(datasheets.id) : desc(datasheets.id))
      .limit(count);
  const [first, second, ...rest] = remaining.map(branch);
  if (!second) return first!;
  const direction = dir === "asc" ? sql`asc` : sql`desc`;
  return (
    unionAll(first!, second, ...rest)
      // sort_value carries its collation ("C") from the branches: a union orders by plain columns.
      .orderBy(sql`"sort_value" ${direction}`, sql`"id" ${direction}`)
      .limit(count)
  );
}

/** Up to `count` matching rows in the plan's order read in `dir`, after the position `at` (or from the start). */
async function seekRows(
  db: Db | Tx,
  actor: Actor,
  scope: ListScope,
  filter: ListFilter,
  plan: SortPlan,
  dir: ListSort["dir"],
  at: { value: string | null; id: string } | null,
  count: number,
): Promise<PageRow[]> {
  if (plan.join === "status") return seekByStatus(db, actor, scope, filter, dir, at, count);
  const joins = sortJoins(plan);
  let select = db
    .select({
      ...pageRowColumns,
      sortValue: sql<string | null>`(${plan.expr})::text`,
    })
    .from(datasheets)
    .$dynamic();
  if (joins.responsible) select = select.leftJoin(users, eq(users.id, datasheets.responsibleUserId));
  if (joins.field) select = select.leftJoin(sortValue, joins.field);

  return select
    .where(and(visibleDatasheets(actor), filterCondition(filter, scope.context, actor.userId), at ? afterCursor(plan, dir, at) : undefined))
    .orderBy(...orderByOf(plan, dir))
    .limit(count);
}

export interface ListRow {
  id: string;
  version: number;
  businessName: string;
  statusId: string;
  responsible: { id: string; familyName: string; givenName: string; avatarVersion: number | null } | null;
  nextTodo: { id: string; text: string; dueAt: Date } | null;
  lastContactAt: Date | null;
  createdAt: Date;
  /** The chosen custom fields' values, by field key. */
  fields: Record<string, FieldValue | null>;
}

/** What one page shows: the page query, then the responsible users, next todos and field values of its rows. */
export async function enrichPage(db: Db | Tx, actor: Actor, scope: ListScope, rows: PageRow[], fieldKeys: string[]): Promise<ListRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // A page's scope brings the team (requestListScope): only someone not in it yet is read.
  const team = new Map((scope.team ?? []).map((p) => [p.id, p]));
  const userIds = [...new Set(rows.map((r) => r.responsibleUserId).filter((v): v is string => v !== null && !team.has(v)))];
  const todoIds = rows.map((r) => r.nextTodoId).filter((v): v is string => v !== null);
  const chosen = scope.context.fields.filter((f) => fieldKeys.includes(f.key));
  const [people, nextTodos, values] = await Promise.all([
    userIds.length
      ? db
          .select({ id: users.id, familyName: users.familyName, givenName: users.givenName, avatarUpdatedAt: users.avatarUpdatedAt })
          .from(users)
          .where(and(inArray(users.id, userIds), eq(users.workspaceId, actor.workspaceId)))
      : [],
    todoIds.length
      ? db
          .select({ id: todos.id, text: todos.text, dueAt: todos.dueAt })
          .from(todos)
          .where(and(inArray(todos.id, todoIds), eq(todos.workspaceId, actor.workspaceId)))
      : [],
    chosen.length
      ? db
          .select()
          .from(datasheetValues)
          .where(
            and(
              inArray(datasheetValues.datasheetId, ids),
              inArray(
                datasheetValues.fieldId,
                chosen.map((f) => f.id),
              ),
            ),
          )
      : [],
  ]);
  const personOf = new Map<string, { id: string; familyName: string; givenName: string; avatarVersion: number | null }>(team);
  for (const { avatarUpdatedAt, ...p } of people) personOf.set(p.id, { ...p, avatarVersion: avatarUpdatedAt?.getTime() ?? null });
  const todoOf = new Map(nextTodos.map((t) => [t.id, t]));
  const valuesOf = groupBy(values as (typeof datasheetValues.$inferSelect)[], (v) => `${v.datasheetId} ${v.fieldId}`);
  return rows.map((row) => {
    const person = row.responsibleUserId ? personOf.get(row.responsibleUserId) : undefined;
    const todo = row.nextTodoId ? todoOf.get(row.nextTodoId) : undefined;
    const fieldValues: Record<string, FieldValue | null> = {};
    for (const field of chosen) {
      fieldValues[field.key] = fromStoredValues(field.type, valuesOf.get(`${row.id} ${field.id}`) ?? []);
    }
    return {
      id: row.id,
      version: row.version,
      businessName: row.businessName,
      statusId: row.statusId,
      responsible: person ? { id: person.id, familyName: person.familyName, givenName: person.givenName, avatarVersion: person.avatarVersion } : null,
      nextTodo: todo ? { id: todo.id, text: todo.text, dueAt: todo.dueAt } : null,
      lastContactAt: row.lastContactAt,
      createdAt: row.createdAt,
      fields: fieldValues,
    };
  });
}

export interface ListPage {
  module: ListModule;
  rows: ListRow[];
  nextCursor: string | null;
  /** The page before this one; null on the first page. */
  prevCursor: string | null;
}

/** The client list's page for an actor: any role may read (restricted: their own and unassigned). */
export async function listDatasheets(actor: Actor, moduleId: string, query: ListQuery & { fieldKeys?: string[] }): Promise<ListPage> {
  const db = await getDb();
  const scope = await loadListScope(db, actor, moduleId);
  const page = await queryListPage(db, actor, scope, query);
  return {
    module: scope.module,
    rows: await enrichPage(db, actor, scope, page.rows, query.fieldKeys ?? []),
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor,
  };
}
