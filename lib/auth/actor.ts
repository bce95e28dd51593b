import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { revokedSessions, users, workspaces, type Role } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import { auth } from "./auth";
import { sessionEndsAt } from "./config";
import { can, type Capability, type UserActor } from "./permissions";

export interface CurrentUser extends UserActor {
  email: string;
  familyName: string;
  givenName: string;
  /** The user's language, or the workspace's when they chose none. */
  locale: "en" | "hu";
  ownLocale: "en" | "hu" | null;
  workspaceName: string;
  avatarVersion: number | null;
}

/**
 * The signed-in user, checked against the database on every request: a deactivated user, a
 * session older than the last password change, ended by signing out or past its lifetime, or a
 * user that no longer exists is signed out.
 * Role and workspace come from the database, so a role change applies at the next request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const sessionId = session.sessionId;
  if (session.signedInAt !== null && sessionEndsAt(session.signedInAt) <= new Date()) return null;
  const db = await getDb();
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
      revokedSessionId: revokedSessions.id,
    })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
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
    avatarVersion: row.avatarUpdatedAt?.getTime() ?? null,
  };
});

/** For pages and actions: the current user, or off to the sign-in page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/**
 * For pages only some roles reach: the current user if they may, else "not found" — the URL names
 * nothing to them. A layout's check is not enough: Next.js renders a page beside its layout.
 */
export async function requireCapability(capability: Capability): Promise<CurrentUser> {
  const user = await requireUser();
  if (!can(user, capability)) notFound();
  return user;
}

export function toActor(user: UserActor): UserActor {
  return { userId: user.userId, workspaceId: user.workspaceId, role: user.role };
}
