import "server-only";
import { z } from "zod";
import { optionalInstant } from "@/lib/forms/schema-parts";
import { runStatusChecks } from "@/lib/statuses/checks";
import { defineEndpoint } from "../http";

export const apiTransitionSchema = z.object({
  datasheetId: z.uuid(),
  from: z.string().describe("The status key it leaves."),
  to: z.string().describe("The status key it enters."),
  reason: z.string().describe("The rule that fired: `no_contact` (Forgotten), `no_engagement` (Inactive), `closed_won_returning`…"),
});

/** `POST /api/v1/status-checks`: the daily checks of every automatic module, now or as of any moment (admins). */
export const runStatusChecksEndpoint = defineEndpoint({
  method: "POST",
  path: "/status-checks",
  tag: "Status checks",
  summary: "Run the time-based status checks",
  description:
    "The daily checks of SPEC §3.2 on every automatic sales module of the workspace: a sale without contact for too long becomes Forgotten, a subscriber without opens or clicks Inactive, a regular customer whose paid months leave the window Returning. `asOf` (default now) is the moment checked. With `dryRun: true` nothing changes and the answer says what would move then; without it the datasheets move, as the system. Admins' keys only (others: 403).",
  body: z.strictObject({
    asOf: optionalInstant.describe("The moment to check at, with its offset; absent: now."),
    dryRun: z.boolean("checkboxInvalid").optional().describe("Only say what would move (default false)."),
  }),
  response: { status: 200, schema: z.object({ transitions: z.array(apiTransitionSchema) }), description: "The moves made, or that would be made." },
  example: `curl -s -X POST "$CRM_URL/api/v1/status-checks" -H "Authorization: Bearer $CRM_KEY" \\
  -H "Content-Type: application/json" -d '{"asOf": "2026-06-01T06:00:00+02:00", "dryRun": true}'`,
  handler: async ({ caller, db, body }) => {
    const result = await runStatusChecks(db, caller, { asOf: body.asOf ?? undefined, dryRun: body.dryRun ?? false, list: true });
    return { transitions: (result.transitions ?? []).map(({ datasheetId, from, to, reason }) => ({ datasheetId, from, to, reason })) };
  },
});
