import "server-only";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { staircaseFor, type StaircaseGroup } from "./list-counts";
import { enrichPage, loadListScope, queryListPage, type ListPage, type ListQuery } from "./list-query";

/** Everything the client list page reads, with the module's scope loaded once: the page of rows and the staircase. */
export async function getListPage(
  actor: Actor,
  moduleId: string,
  query: ListQuery & { fieldKeys?: string[] },
): Promise<ListPage & { staircase: StaircaseGroup[] }> {
  const db = await getDb();
  const scope = await loadListScope(db, actor, moduleId);
  const [page, staircase] = await Promise.all([queryListPage(db, actor, scope, query), staircaseFor(actor, scope, query.filter)]);
  const rows = await enrichPage(db, actor, scope, page.rows, query.fieldKeys ?? []);
  return { module: scope.module, rows, nextCursor: page.nextCursor, prevCursor: page.prevCursor, staircase };
}
