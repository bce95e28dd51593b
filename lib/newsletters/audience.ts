import "server-only";
import { and, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { datasheets, statuses, statusGroups, views, type NewsletterAudience } from "@/db/schema";
import { systemActor, type UserActor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { savedViewCondition } from "@/lib/views/match";

/*
 * Who a newsletter goes to: the datasheets of a status, of a status group, or matching a view, as
 * one SQL condition on `datasheets` (the view through the list's own filter, lib/views/match.ts).
 * Trashed datasheets are never in it.
 */

export interface AudienceRef {
  workspaceId: string;
  moduleId: string;
  audience: NewsletterAudience;
  audienceId: string;
}

/**
 * Checks that the audience is the module's (and a view one the user sees: shared, or their own);
 * answers its name for the list. Anything else is "not found".
 */
export async function checkAudience(conn: Conn, actor: UserActor, ref: Omit<AudienceRef, "workspaceId">): Promise<string> {
  assertId(ref.audienceId);
  const where = (table: typeof statuses | typeof statusGroups) =>
    and(eq(table.id, ref.audienceId), eq(table.moduleId, ref.moduleId), eq(table.workspaceId, actor.workspaceId));
  let name: string | undefined;
  if (ref.audience === "status") [{ name } = { name: undefined }] = await conn.select({ name: statuses.name }).from(statuses).where(where(statuses));
  else if (ref.audience === "status_group")
    [{ name } = { name: undefined }] = await conn.select({ name: statusGroups.name }).from(statusGroups).where(where(statusGroups));
  else
    [{ name } = { name: undefined }] = await conn
      .select({ name: views.name })
      .from(views)
      .where(
        and(
          eq(views.id, ref.audienceId),
          eq(views.moduleId, ref.moduleId),
          eq(views.workspaceId, actor.workspaceId),
          or(eq(views.isShared, true), eq(views.ownerUserId, actor.userId)),
        ),
      );
  if (name === undefined) throw new NotFoundError();
  return name;
}

/** The audience's datasheets as a condition on `datasheets`, read when sending starts. A removed status, group or view matches nothing. */
export async function audienceCondition(conn: Conn, ref: AudienceRef): Promise<SQL> {
  const base = and(eq(datasheets.workspaceId, ref.workspaceId), eq(datasheets.moduleId, ref.moduleId), isNull(datasheets.deletedAt))!;
  switch (ref.audience) {
    case "status":
      return and(base, eq(datasheets.statusId, ref.audienceId))!;
    case "status_group":
      return and(
        base,
        sql`${datasheets.statusId} in (select ${statuses.id} from ${statuses} where ${statuses.groupId} = ${ref.audienceId} and ${statuses.workspaceId} = ${ref.workspaceId})`,
      )!;
    case "view":
      // "Me" in a personal view is its owner, as for the automations matching a view.
      return and(base, await savedViewCondition(conn, systemActor(ref.workspaceId, "email"), { moduleId: ref.moduleId, viewId: ref.audienceId }))!;
  }
}
