import "server-only";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { listTeam, listUsers } from "@/lib/users/queries";
import { defineEndpoint } from "../http";

export const apiUserSchema = z.object({
  id: z.uuid(),
  familyName: z.string(),
  givenName: z.string(),
  email: z.string(),
  role: z.enum(["admin", "manager", "normal", "restricted"]),
  active: z.boolean(),
});

/** `GET /api/v1/users`: the workspace's users; admins see the deactivated ones too. */
export const listUsersEndpoint = defineEndpoint({
  method: "GET",
  path: "/users",
  tag: "Users",
  summary: "List the workspace's users",
  description: "Everyone in the workspace: active users for any key, deactivated ones too for an admin's key.",
  response: { status: 200, schema: z.object({ data: z.array(apiUserSchema) }), description: "The users." },
  example: 'curl -s "$CRM_URL/api/v1/users" -H "Authorization: Bearer $CRM_KEY"',
  handler: async ({ caller }) => {
    const rows = can(caller, "settings.manage") ? await listUsers(caller) : await listTeam(caller);
    return {
      data: rows.map((u) => ({ id: u.id, familyName: u.familyName, givenName: u.givenName, email: u.email, role: u.role, active: u.isActive })),
    };
  },
});
