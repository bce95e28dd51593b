import "server-only";
import { z } from "zod";
import { loggableKinds } from "@/lib/history/kinds";
import { logHistory } from "@/lib/history/mutations";
import { getHistoryEntry } from "@/lib/history/queries";
import { logHistorySchema } from "@/lib/history/schemas";
import { defineEndpoint } from "../http";
import { apiTime, idParams, isoTime } from "./common";

export const apiHistoryEntrySchema = z.object({
  id: z.uuid(),
  datasheetId: z.uuid(),
  kind: z.enum(loggableKinds),
  body: z.string(),
  occurredAt: apiTime,
  authorUserId: z.uuid().nullable(),
});

const { datasheetId: _datasheetId, ...historyFields } = logHistorySchema.shape;

/** `POST /api/v1/datasheets/{id}/history`: a call, meeting, note or email logged, as on the datasheet. */
export const logHistoryEndpoint = defineEndpoint({
  method: "POST",
  path: "/datasheets/{id}/history",
  tag: "History",
  summary: "Log a call, meeting, note or email on a datasheet",
  description:
    "Each kind counts as contact (SPEC §3.1), so in the automatic sales module it can bring a forgotten sale back. `occurredAt`: when it happened (not in the future); absent: now.",
  params: idParams,
  body: z.strictObject(historyFields),
  response: { status: 201, schema: apiHistoryEntrySchema, description: "The history entry." },
  example: `curl -s -X POST "$CRM_URL/api/v1/datasheets/$DATASHEET_ID/history" -H "Authorization: Bearer $CRM_KEY" \\
  -H "Content-Type: application/json" -d '{"kind": "call", "body": "Wants a quote for 40 chairs and 10 tables.", "occurredAt": "2026-03-02T10:15:00+01:00"}'`,
  handler: async ({ caller, db, params, body }) => {
    const { id } = await logHistory(db, caller, { datasheetId: params.id, ...body });
    const entry = await getHistoryEntry(db, caller, id);
    return {
      id: entry.id,
      datasheetId: entry.datasheetId,
      kind: body.kind,
      body: entry.body,
      occurredAt: isoTime(entry.occurredAt),
      authorUserId: entry.authorUserId,
    };
  },
});
