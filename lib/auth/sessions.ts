import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { getDb, type Db } from "@/db/client";
import { revokedSessions, users, workspaceConfigVersions, workspaces, type Role } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import { SESSION_MAX_AGE_SECONDS, sessionEndsAt } from "./config";
import type { UserActor } from "./permissions";

export interface CurrentUser extends UserActor {
  email: string;
  familyName: string;
  givenName: string;
  /** The user's language, or the workspace's when they chose none. */
  locale: "en" | "hu";
  ownLocale: "en" | "hu" | null;
  workspaceName: string;
  /** The workspace's IANA zone: the dates and times the user sees. */
  timeZone: string;
  /** The workspace's default currency (ISO 4217). */
  currency: string;
  avatarVersion: number | null;
  /** The workspace's configuration version as this request found it (lib/workspaces/config.ts). */
  configVersion: number;
}

/**
 * The user a session (as Auth.js decoded it from the cookie) stands for, checked against the
 * database: a deactivated user, a session older than the last password change, ended by signing
 * out or past its lifetime, or a user that no longer exists gives null.
 * Role and workspace come from the database, so a role change applies at the next request.
 */
export async function findSessionUser(db: Db, session: Session | null, now = new Date()): Promise<CurrentUser | null> {
  const userId = session?.user?.id;
  if (!userId) return null;
  const sessionId = session.sessionId;
  if (session.signedInAt !== null && sessionEndsAt(session.signedInAt) <= now) return null;
  const [row] = await db
    .select({
      userId: users.id,
      workspaceId: users.workspaceId,
      role: users.role,
      email: users.email,
      familyName: users.familyName,
      givenName: users.givenName,
      ownLocale: users.locale,
      isActive: users.isActive,
      sessionVersion: users.sessionVersion,
      avatarUpdatedAt: users.avatarUpdatedAt,
      workspaceName: workspaces.name,
      workspaceLocale: workspaces.locale,
      timeZone: workspaces.timeZone,
      currency: workspaces.currency,
      revokedSessionId: revokedSessions.id,
      configVersion: sql<number>`coalesce(${workspaceConfigVersions.version}, 0)`.mapWith(Number),
    })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .leftJoin(workspaceConfigVersions, eq(workspaceConfigVersions.workspaceId, users.workspaceId))
    .leftJoin(revokedSessions, and(eq(revokedSessions.userId, users.id), sessionId && isUuid(sessionId) ? eq(revokedSessions.id, sessionId) : sql`false`))
    .where(eq(users.id, userId));
  if (!row || !row.isActive || row.sessionVersion !== session.sessionVersion || row.revokedSessionId) return null;
  return {
    userId: row.userId,
    workspaceId: row.workspaceId,
    role: row.role as Role,
    email: row.email,
    familyName: row.familyName,
    givenName: row.givenName,
    locale: row.ownLocale ?? row.workspaceLocale,
    ownLocale: row.ownLocale,
    workspaceName: row.workspaceName,
    timeZone: row.timeZone,
    currency: row.currency,
    avatarVersion: row.avatarUpdatedAt?.getTime() ?? null,
    configVersion: row.configVersion,
  };
}

/**
 * When a session token could stop being accepted anyway: its lifetime from sign-in. (The proxy
 * renews any token it is shown, a kept copy too, so its own expiry is no bound.) A token signed in
 * before sign-in times were recorded gets a whole lifetime from now.
 */
export function tokenEndsAt(token: JWT, now = new Date()): Date {
  if (typeof token.sat === "number") return sessionEndsAt(token.sat);
  return new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
}

/**
 * Ends one session for good: it is refused from now on, even if a copy of its cookie survives the
 * sign-out. Entries of sessions that have expired meanwhile go at the same time.
 */
export async function revokeSession(session: { sessionId: string | null; userId: string; expiresAt: Date }): Promise<void> {
  if (!session.sessionId || !isUuid(session.sessionId)) return;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
    await tx.insert(revokedSessions).values({ id: session.sessionId!, userId: session.userId, expiresAt: session.expiresAt }).onConflictDoNothing();
  });
}
