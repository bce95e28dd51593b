import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { users } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { assertId } from "@/lib/ids";

/**
 * A user id from a form (responsible, assignee) must name an active user of the actor's
 * workspace; anything else is the field's "choose a user" error, never a 500.
 */
export async function assertActiveMember(tx: Tx, actor: Actor, userId: string, field: string): Promise<void> {
  try {
    assertId(userId);
  } catch {
    throw new ValidationError({ [field]: "userInvalid" });
  }
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, actor.workspaceId), eq(users.isActive, true)));
  if (!row) throw new ValidationError({ [field]: "userInvalid" });
}

/**
 * The responsible user of a datasheet a restricted user writes: themselves or nobody (SPEC §2:
 * they see only those), so they never hand a datasheet out of their own reach.
 */
export async function assertResponsible(tx: Tx, actor: Actor, userId: string | null, field = "responsibleUserId"): Promise<void> {
  if (userId === null) return;
  if (!can(actor, "datasheets.readAll") && userId !== actor.userId) throw new ValidationError({ [field]: "responsibleRestricted" });
  await assertActiveMember(tx, actor, userId, field);
}
