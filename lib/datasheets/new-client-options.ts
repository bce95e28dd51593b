import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { modules, statuses, statusGroups, users } from "@/db/schema";
import { can, type UserActor } from "@/lib/auth/permissions";

export interface NewClientModule {
  id: string;
  name: string;
  isAutomatic: boolean;
  /** In board order; the first is the default. The automatic module's are not chosen by hand. */
  statuses: { id: string; name: string; color: string; groupName: string }[];
}

export interface TeamMember {
  id: string;
  familyName: string;
  givenName: string;
  isActive: boolean;
  avatarVersion: number | null;
}

/**
 * What New client and the datasheet pickers offer: the workspace's active modules with their
 * statuses, and who may be made responsible — the active team, or for a restricted user only
 * themselves (SPEC §2; the services refuse anything else as well).
 */
export async function getNewClientOptions(actor: UserActor): Promise<{ modules: NewClientModule[]; team: TeamMember[] }> {
  const db = await getDb();
  const [moduleRows, statusRows, teamRows] = await Promise.all([
    db
      .select({ id: modules.id, name: modules.name, kind: modules.kind })
      .from(modules)
      .where(and(eq(modules.workspaceId, actor.workspaceId), isNull(modules.archivedAt)))
      .orderBy(asc(modules.position), asc(modules.id)),
    db
      .select({ id: statuses.id, moduleId: statuses.moduleId, name: statuses.name, color: statuses.color, groupName: statusGroups.name })
      .from(statuses)
      .innerJoin(statusGroups, eq(statusGroups.id, statuses.groupId))
      .where(eq(statuses.workspaceId, actor.workspaceId))
      .orderBy(asc(statusGroups.position), asc(statusGroups.id), asc(statuses.position), asc(statuses.id)),
    db
      .select({ id: users.id, familyName: users.familyName, givenName: users.givenName, isActive: users.isActive, avatarUpdatedAt: users.avatarUpdatedAt })
      .from(users)
      .where(
        and(
          eq(users.workspaceId, actor.workspaceId),
          eq(users.isActive, true),
          can(actor, "datasheets.readAll") ? undefined : eq(users.id, actor.userId),
        ),
      )
      .orderBy(asc(users.familyName), asc(users.givenName)),
  ]);
  return {
    modules: moduleRows.map((m) => ({
      id: m.id,
      name: m.name,
      isAutomatic: m.kind === "sales_auto",
      statuses: statusRows.filter((s) => s.moduleId === m.id).map(({ moduleId: _, ...s }) => s),
    })),
    team: teamRows.map(({ avatarUpdatedAt, ...u }) => ({ ...u, avatarVersion: avatarUpdatedAt?.getTime() ?? null })),
  };
}
