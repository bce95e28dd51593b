import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { users } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

/** The active users of the actor's workspace among `ids`, in one statement. */
export async function activeMembers(tx: Tx, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids)].filter(isUuid);
  if (!wanted.length) return new Set();
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, wanted), eq(users.workspaceId, actor.workspaceId), eq(users.isActive, true)));
  return new Set(rows.map((r) => r.id));
}

/**
 * A user id from a form (assignee, a user field) must name an active user of the actor's
 * workspace; anything else is the field's "choose a user" error, never a 500.
 */
export async function assertActiveMember(tx: Tx, actor: Actor, userId: string, field: string): Promise<void> {
  if (!(await activeMembers(tx, actor, [userId])).has(userId)) throw new ValidationError({ [field]: "userInvalid" });
}

/**
 * The one rule for who may be made responsible for a datasheet (SPEC §2): nobody, or an active
 * user of the workspace — and a restricted actor only themself, since anyone else would take the
 * datasheet out of their own reach. Null: allowed; otherwise the validation message.
 */
export function responsibleProblem(actor: Actor, userId: string | null, active: ReadonlySet<string>): "responsibleRestricted" | "userInvalid" | null {
  if (userId === null) return null;
  if (!can(actor, "datasheets.readAll") && userId !== actor.userId) return "responsibleRestricted";
  return active.has(userId) ? null : "userInvalid";
}

/** The rule above for one datasheet: a refused user is the field's error. */
export async function assertResponsible(tx: Tx, actor: Actor, userId: string | null, field = "responsibleUserId"): Promise<void> {
  const problem = responsibleProblem(actor, userId, userId ? await activeMembers(tx, actor, [userId]) : new Set());
  if (problem) throw new ValidationError({ [field]: problem });
}
