import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { views } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { visibleDatasheets } from "@/lib/datasheets/access";
import { loadListScope } from "@/lib/datasheets/list-query";
import { filterCondition } from "./conditions";
import { listFilterSchema } from "./filter";

/**
 * The datasheets a saved view of a module matches, for `actor`, as one condition on `datasheets`:
 * the visibility rule and the view's filter through the list's own filter (./conditions.ts), with
 * "me" standing for the view's owner. A view that is gone, another module's or unreadable matches
 * nothing. Read by the newsletters' audience and the automations matching a view. An archived
 * module is "not found" (loadListScope).
 */
export async function savedViewCondition(conn: Conn, actor: Actor, ref: { moduleId: string; viewId: string }): Promise<SQL> {
  const [view] = await conn
    .select({ filter: views.filter, ownerUserId: views.ownerUserId })
    .from(views)
    .where(and(eq(views.id, ref.viewId), eq(views.workspaceId, actor.workspaceId), eq(views.moduleId, ref.moduleId)));
  if (!view) return sql`false`;
  const filter = listFilterSchema.safeParse(view.filter);
  if (!filter.success) return sql`false`;
  const { context } = await loadListScope(conn, actor, ref.moduleId);
  return and(visibleDatasheets(actor), filterCondition(filter.data, context, view.ownerUserId))!;
}
