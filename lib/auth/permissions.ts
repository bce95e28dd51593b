import type { Role } from "@/db/schema";
import { ForbiddenError } from "@/lib/errors";

/** Who is acting. Derived from the session on the server, never from user input. */
export interface Actor {
  userId: string;
  workspaceId: string;
  role: Role;
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
  ]),
  normal: new Set<Capability>(["datasheets.readAll"]),
  restricted: new Set<Capability>(),
};

export function can(actor: Pick<Actor, "role">, capability: Capability): boolean {
  return grants[actor.role].has(capability);
}

export function assertCan(actor: Pick<Actor, "role">, capability: Capability): void {
  if (!can(actor, capability)) throw new ForbiddenError();
}

export const roles: readonly Role[] = ["admin", "manager", "normal", "restricted"];
