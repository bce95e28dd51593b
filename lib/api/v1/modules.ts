import "server-only";
import { z } from "zod";
import { moduleKindEnum } from "@/db/schema";
import { listModulesWithStatuses } from "@/lib/modules/queries";
import { defineEndpoint } from "../http";

export const apiStatusSchema = z.object({
  id: z.uuid(),
  key: z.string().describe("Stable: what `status=` filters by and the automatic rule answers."),
  name: z.string(),
  group: z.string().describe("The status group's key: `marketing`, `sales`, `customers`, `non_customers` in the automatic module."),
  color: z.string().describe("`#rrggbb`."),
  position: z.int().min(0).describe("Its place in the module's board order, from 0."),
});

export const apiModuleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(moduleKindEnum.enumValues).describe("`sales_auto` is the automatic sales module, whose statuses follow from the facts."),
  statuses: z.array(apiStatusSchema),
});

/** `GET /api/v1/modules`: the active modules with their statuses (archived ones are left out). */
export const listModulesEndpoint = defineEndpoint({
  method: "GET",
  path: "/modules",
  tag: "Modules",
  summary: "List the modules and their statuses",
  description: "The workspace's active modules in their order, each with its statuses in board order. Any key may list them.",
  response: { status: 200, schema: z.object({ data: z.array(apiModuleSchema) }), description: "The modules." },
  example: 'curl -s "$CRM_URL/api/v1/modules" -H "Authorization: Bearer $CRM_KEY"',
  handler: async ({ caller }) => ({ data: await listModulesWithStatuses(caller) }),
});
