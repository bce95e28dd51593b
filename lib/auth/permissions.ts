import type { Role } from "@/db/schema";
import { ForbiddenError } from "@/lib/errors";

/** A signed-in user acting. Derived from the session on the server, never from user input. */
export interface UserActor {
  kind?: "user";
  userId: string;
  workspaceId: string;
  role: Role;
}

/** Why the system acts on its own (an automation's step, the daily status checks, an import batch…). */
export const systemReasons = ["automation", "status_check", "import", "email", "seed"] as const;
export type SystemReason = (typeof systemReasons)[number];

/**
 * The system acting in one workspace: it may do whatever the services allow anyone in that
 * workspace (it has no role), and what it changes is recorded as the system's, with its reason.
 */
export interface SystemActor {
  kind: "system";
  userId: null;
  workspaceId: string;
  reason: SystemReason;
}

/** Who is acting in a service: a user, or the system. */
export type Actor = UserActor | SystemActor;

export function systemActor(workspaceId: string, reason: SystemReason): SystemActor {
  return { kind: "system", userId: null, workspaceId, reason };
}

export function isSystem(actor: Actor): actor is SystemActor {
  return actor.kind === "system";
}

export const capabilities = [
  "settings.manage",
  "datasheets.readAll",
  "reports.team",
  "data.import",
  "data.export",
  "data.bulkEdit",
  "campaigns.manage",
  "views.shareWithTeam",
  "email.readAll",
  "trash.readAll",
  "trash.purge",
] as const;
export type Capability = (typeof capabilities)[number];

/** SPEC §2, as a table. Restricted users read only datasheets assigned to them or to nobody. */
const grants: Record<Role, ReadonlySet<Capability>> = {
  admin: new Set(capabilities),
  manager: new Set<Capability>([
    "datasheets.readAll",
    "reports.team",
    "data.import",
    "data.export",
    "data.bulkEdit",
    "campaigns.manage",
    "views.shareWithTeam",
    "email.readAll",
    "trash.readAll",
  ]),
  normal: new Set<Capability>(["datasheets.readAll"]),
  restricted: new Set<Capability>(),
};

/** The system is bound by the workspace only: the services it calls still check everything else. */
export function can(actor: Pick<UserActor, "kind" | "role"> | SystemActor, capability: Capability): boolean {
  if (actor.kind === "system") return true;
  return grants[actor.role].has(capability);
}

export function assertCan(actor: Pick<UserActor, "kind" | "role"> | SystemActor, capability: Capability): void {
  if (!can(actor, capability)) throw new ForbiddenError();
}

export const roles: readonly Role[] = ["admin", "manager", "normal", "restricted"];
