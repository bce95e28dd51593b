import "server-only";
import { and, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { datasheets, type Datasheet } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";

/**
 * The one place that says which datasheets an actor may see (SPEC §2): every list, count, search,
 * board, export, page and action filters through it. Restricted users see those assigned to them
 * or to nobody; trashed datasheets are nobody's.
 */
export function visibleDatasheets(actor: Actor): SQL {
  const base = and(eq(datasheets.workspaceId, actor.workspaceId), isNull(datasheets.deletedAt))!;
  if (actor.kind === "system" || can(actor, "datasheets.readAll")) return base;
  return and(base, or(eq(datasheets.responsibleUserId, actor.userId), isNull(datasheets.responsibleUserId)))!;
}

/**
 * The same rule for a row that points at a datasheet (a todo, a status change): its datasheet is one
 * the actor may see. For those who see the whole workspace that is "not in the trash", read from
 * the trash's own index, so counting a user's todos or a year of changes does not join every
 * datasheet of the workspace. The row must already be of the actor's workspace.
 */
export function visibleDatasheetOf(actor: Actor, datasheetId: SQL): SQL {
  if (actor.kind === "system" || can(actor, "datasheets.readAll")) {
    return sql`${datasheetId} not in (select t.id from ${datasheets} t where t.workspace_id = ${actor.workspaceId} and t.deleted_at is not null)`;
  }
  return sql`exists (select 1 from ${datasheets} where ${datasheets.id} = ${datasheetId} and ${visibleDatasheets(actor)})`;
}

/**
 * A datasheet the actor may see, optionally locked for a change. Missing, in another workspace,
 * trashed, or out of a restricted user's reach: all are the same "not found".
 */
export async function getVisibleDatasheet(
  db: Db | Tx,
  actor: Actor,
  datasheetId: string,
  options: { lock?: boolean } = {},
): Promise<Datasheet> {
  assertId(datasheetId);
  const query = db
    .select()
    .from(datasheets)
    .where(and(eq(datasheets.id, datasheetId), visibleDatasheets(actor)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError();
  return row;
}
