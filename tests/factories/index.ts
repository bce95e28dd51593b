import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { users, workspaces, type Role, type User, type Workspace } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { roles, type UserActor } from "@/lib/auth/permissions";

/** The password of every factory user. */
export const PASSWORD = "factory-password-123";

// argon2 costs tens of milliseconds by design: hash the shared password once per process.
let sharedHash: Promise<string> | undefined;
function passwordHashFor(password: string): Promise<string> {
  if (password !== PASSWORD) return hashPassword(password);
  return (sharedHash ??= hashPassword(PASSWORD));
}

export function uniqueSuffix(): string {
  return randomBytes(5).toString("hex");
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${uniqueSuffix()}@example.test`;
}

export function actorOf(user: Pick<User, "id" | "workspaceId" | "role">): UserActor {
  return { userId: user.id, workspaceId: user.workspaceId, role: user.role };
}

export interface UserOverrides {
  role: Role;
  isActive?: boolean;
  email?: string;
  familyName?: string;
  givenName?: string;
  password?: string;
}

export async function createUser(workspaceId: string, overrides: UserOverrides): Promise<User> {
  const db = await getDb();
  const { password = PASSWORD, isActive = true, role, ...rest } = overrides;
  const [user] = await db
    .insert(users)
    .values({
      workspaceId,
      role,
      email: uniqueEmail(role),
      familyName: role[0]!.toUpperCase() + role.slice(1),
      givenName: uniqueSuffix(),
      passwordHash: await passwordHashFor(password),
      isActive,
      deactivatedAt: isActive ? null : new Date(),
      ...rest,
    })
    .returning();
  return user!;
}

export type RoleMap<T> = Record<Role, T>;

export interface TestWorkspace {
  workspace: Workspace;
  users: RoleMap<User>;
  actors: RoleMap<UserActor>;
  password: string;
}

/** A workspace with one active user per role, all with the password PASSWORD. */
export async function createWorkspace(
  overrides: Partial<Pick<Workspace, "name" | "locale">> = {},
): Promise<TestWorkspace> {
  const db = await getDb();
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Workspace ${uniqueSuffix()}`, ...overrides })
    .returning();
  const created = await Promise.all(roles.map((role) => createUser(workspace!.id, { role })));
  const byRole = Object.fromEntries(created.map((user) => [user.role, user])) as RoleMap<User>;
  const actors = Object.fromEntries(created.map((user) => [user.role, actorOf(user)])) as RoleMap<UserActor>;
  return { workspace: workspace!, users: byRole, actors, password: PASSWORD };
}
