import "server-only";
import { getDb } from "@/db/client";
import type { UserActor } from "@/lib/auth/permissions";
import type { ConfigReader } from "@/lib/workspaces/config";
import { staircaseFor, type StaircaseGroup } from "./list-counts";
import { enrichPage, queryListPage, requestListScope, type ListPage, type ListQuery } from "./list-query";

/** Everything the client list page reads, its module's scope from the workspace's configuration: the page of rows and the staircase. */
export async function getListPage(
  actor: UserActor & ConfigReader,
  moduleId: string,
  query: ListQuery & { fieldKeys?: string[] },
): Promise<ListPage & { staircase: StaircaseGroup[] }> {
  const db = await getDb();
  const scope = await requestListScope(actor, moduleId);
  const [page, staircase] = await Promise.all([queryListPage(db, actor, scope, query), staircaseFor(actor, scope, query.filter)]);
  const rows = await enrichPage(db, actor, scope, page.rows, query.fieldKeys ?? []);
  return { module: scope.module, rows, nextCursor: page.nextCursor, prevCursor: page.prevCursor, staircase };
}
