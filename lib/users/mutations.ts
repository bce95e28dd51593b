import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { users, workspaces } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { DomainError, isUniqueViolation, NotFoundError, ValidationError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { MAX_AVATAR_BYTES, sniffImage } from "./image";
import { inviteUser } from "./invitations";
import type { ChangePasswordInput, CreateUserInput, UpdateOwnProfileInput, UpdateUserInput } from "./schemas";

async function emailTaken(tx: Tx, email: string, exceptUserId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, email), exceptUserId ? ne(users.id, exceptUserId) : undefined));
  return Boolean(row);
}

/**
 * Locks the user's row; a user of another workspace is "not found". The workspace row is locked
 * first, so every user change in a workspace takes its locks in the same order: two admins
 * demoting each other wait for each other instead of deadlocking.
 */
async function lockUser(tx: Tx, actor: UserActor, userId: string) {
  assertId(userId);
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for("no key update");
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, actor.workspaceId)))
    .for("update");
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * The last active admin may not stop being one. The workspace's admin rows are locked first, so
 * two admins demoting each other at the same moment cannot both succeed.
 */
async function assertAnotherAdminRemains(tx: Tx, workspaceId: string, userId: string): Promise<void> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.role, "admin"), eq(users.isActive, true)))
    .for("update");
  if (!admins.some((a) => a.id !== userId)) throw new DomainError("lastAdmin");
}

/** Creates the user without a password and sends them an invitation to choose one. */
export async function createUser(actor: UserActor, input: CreateUserInput): Promise<{ id: string }> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      if (await emailTaken(tx, input.email)) throw new ValidationError({ email: "emailTaken" });
      // No password: the user chooses one through the invitation queued with the row.
      const [row] = await tx
        .insert(users)
        .values({
          workspaceId: actor.workspaceId,
          email: input.email,
          familyName: input.familyName,
          givenName: input.givenName,
          role: input.role,
        })
        .returning();
      await recordAudit(tx, actor, {
        workspaceId: actor.workspaceId,
        action: "user.created",
        subjectId: row!.id,
        details: { email: input.email, role: input.role },
      });
      await inviteUser(tx, actor, row!);
      return { id: row!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ email: "emailTaken" });
    throw error;
  }
}

export async function updateOwnProfile(actor: UserActor, input: UpdateOwnProfileInput): Promise<void> {
  const db = await getDb();
  await db
    .update(users)
    .set({ ...input, updatedAt: new Date() })
    .where(and(eq(users.id, actor.userId), eq(users.workspaceId, actor.workspaceId)));
}

export async function updateUser(actor: UserActor, userId: string, input: UpdateUserInput): Promise<void> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  try {
    await db.transaction(async (tx) => {
      const before = await lockUser(tx, actor, userId);
      if (input.email !== before.email.toLowerCase() && (await emailTaken(tx, input.email, userId))) {
        throw new ValidationError({ email: "emailTaken" });
      }
      if (before.role === "admin" && input.role !== "admin" && before.isActive) {
        await assertAnotherAdminRemains(tx, actor.workspaceId, userId);
      }
      await tx
        .update(users)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(users.id, userId));
      const changed = (Object.keys(input) as (keyof UpdateUserInput)[]).filter((k) => before[k] !== input[k]);
      if (changed.length) {
        await recordAudit(tx, actor, {
          workspaceId: actor.workspaceId,
          action: before.role !== input.role ? "user.role_changed" : "user.updated",
          subjectId: userId,
          details: { changed, ...(before.role !== input.role ? { from: before.role, to: input.role } : {}) },
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ email: "emailTaken" });
    throw error;
  }
}

/** Deactivate or reactivate. A deactivated user is signed out at their next request. */
export async function setUserActive(actor: UserActor, userId: string, isActive: boolean): Promise<void> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const before = await lockUser(tx, actor, userId);
    if (before.isActive === isActive) return;
    if (!isActive) {
      if (userId === actor.userId) throw new DomainError("cannotDeactivateSelf");
      if (before.role === "admin") await assertAnotherAdminRemains(tx, actor.workspaceId, userId);
    }
    await tx
      .update(users)
      // Deactivation ends every session for good: reactivating must not revive old cookies.
      .set({
        isActive,
        deactivatedAt: isActive ? null : new Date(),
        sessionVersion: isActive ? before.sessionVersion : sql`${users.sessionVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: isActive ? "user.reactivated" : "user.deactivated",
      subjectId: userId,
    });
  });
}

/** Changes the actor's own password and ends every other session (they carry the old version). */
export async function changeOwnPassword(actor: UserActor, input: ChangePasswordInput): Promise<void> {
  const db = await getDb();
  const [row] = await db
    .select({ passwordHash: users.passwordHash, email: users.email })
    .from(users)
    .where(and(eq(users.id, actor.userId), eq(users.workspaceId, actor.workspaceId)));
  if (!row) throw new NotFoundError();
  if (!row.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new ValidationError({ currentPassword: "passwordWrong" });
  }
  if (input.newPassword.trim().toLowerCase() === row.email.toLowerCase()) {
    throw new ValidationError({ newPassword: "passwordIsEmail" });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, actor.userId));
}

/** Sets (or with null, removes) a user's picture: yourself, or anyone for an admin. */
export async function setAvatar(actor: UserActor, userId: string, bytes: Uint8Array | null): Promise<void> {
  assertId(userId);
  if (userId !== actor.userId) assertCan(actor, "settings.manage");
  let mime: string | null = null;
  if (bytes) {
    if (bytes.byteLength > MAX_AVATAR_BYTES) throw new ValidationError({ avatar: "imageTooLarge" });
    mime = sniffImage(bytes);
    if (!mime) throw new ValidationError({ avatar: "imageType" });
  }
  const db = await getDb();
  const updated = await db
    .update(users)
    .set({ avatar: bytes, avatarMime: mime, avatarUpdatedAt: bytes ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(users.id, userId), eq(users.workspaceId, actor.workspaceId)))
    .returning({ id: users.id });
  if (!updated.length) throw new NotFoundError();
}

export async function setOwnLocale(actor: UserActor, locale: "en" | "hu"): Promise<void> {
  const db = await getDb();
  await db
    .update(users)
    .set({ locale, updatedAt: new Date() })
    .where(and(eq(users.id, actor.userId), eq(users.workspaceId, actor.workspaceId)));
}
