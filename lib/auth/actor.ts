import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { auth } from "./auth";
import { can, type Capability, type UserActor } from "./permissions";
import { findSessionUser, type CurrentUser } from "./sessions";

export type { CurrentUser };

/** The signed-in user, checked against the database on every request (findSessionUser). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => findSessionUser(await getDb(), await auth()));

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
