import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";

const publicColumns = {
  id: users.id,
  email: users.email,
  familyName: users.familyName,
  givenName: users.givenName,
  role: users.role,
  isActive: users.isActive,
  deactivatedAt: users.deactivatedAt,
  avatarUpdatedAt: users.avatarUpdatedAt,
  createdAt: users.createdAt,
  isInvitationPending: sql<boolean>`${users.passwordHash} is null`,
};

export type UserSummary = {
  id: string;
  email: string;
  familyName: string;
  givenName: string;
  role: UserActor["role"];
  isActive: boolean;
  deactivatedAt: Date | null;
  avatarUpdatedAt: Date | null;
  createdAt: Date;
  /** Invited, and has not chosen a password yet. */
  isInvitationPending: boolean;
};

/** Settings → Users: everyone who has or had access (admins only). */
export async function listUsers(actor: UserActor): Promise<UserSummary[]> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  return db
    .select(publicColumns)
    .from(users)
    .where(eq(users.workspaceId, actor.workspaceId))
    .orderBy(asc(users.familyName), asc(users.givenName));
}

/** The workspace's active users, for pickers and the team overview; any role may see them. */
export async function listTeam(actor: UserActor): Promise<UserSummary[]> {
  const db = await getDb();
  return db
    .select(publicColumns)
    .from(users)
    .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.isActive, true)))
    .orderBy(asc(users.familyName), asc(users.givenName));
}

export type UserProfile = UserSummary & { signature: string; locale: "en" | "hu" | null };

/** One user's profile: yourself, or anyone in the workspace for an admin. */
export async function getUserProfile(actor: UserActor, userId: string): Promise<UserProfile> {
  assertId(userId);
  if (userId !== actor.userId) assertCan(actor, "settings.manage");
  const db = await getDb();
  const [row] = await db
    .select({ ...publicColumns, signature: users.signature, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, actor.workspaceId)));
  if (!row) throw new NotFoundError();
  return row;
}

/** A user's picture, for anyone of the same workspace. */
export async function getAvatar(actor: UserActor, userId: string): Promise<{ bytes: Uint8Array; mime: string } | null> {
  assertId(userId);
  const db = await getDb();
  const [row] = await db
    .select({ avatar: users.avatar, mime: users.avatarMime })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, actor.workspaceId)));
  if (!row) throw new NotFoundError();
  return row.avatar && row.mime ? { bytes: row.avatar, mime: row.mime } : null;
}

export async function currentSessionVersion(userId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row?.v ?? 0;
}
