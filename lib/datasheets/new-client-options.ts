import "server-only";
import { can, type UserActor } from "@/lib/auth/permissions";
import { getWorkspaceConfig, type ConfigReader } from "@/lib/workspaces/config";

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
 * themselves (SPEC §2; the services refuse anything else as well). From the workspace's
 * configuration, read once per request however many parts of the page ask.
 */
export async function getNewClientOptions(actor: UserActor & ConfigReader): Promise<{ modules: NewClientModule[]; team: TeamMember[] }> {
  const config = await getWorkspaceConfig(actor);
  const mayAssignOthers = can(actor, "datasheets.readAll");
  return {
    modules: config.modules.map((m) => ({
      id: m.id,
      name: m.name,
      isAutomatic: m.isAutomatic,
      statuses: m.statuses.map((s) => ({ id: s.id, name: s.name, color: s.color, groupName: s.groupName })),
    })),
    team: config.team.filter((u) => u.isActive && (mayAssignOthers || u.id === actor.userId)),
  };
}
