import { z } from "zod";
import { formId, optionalInstant } from "@/lib/forms/schema-parts";
import { loggableKinds } from "./kinds";

/** A call, meeting, note or email, with when it happened (absent: now; a past time for one logged afterwards). */
export const logHistorySchema = z.object({
  datasheetId: formId,
  kind: z.enum(loggableKinds, "required"),
  body: z.string("required").trim().min(1, "required").max(20_000, "tooLong"),
  occurredAt: optionalInstant,
});
export type LogHistoryInput = z.output<typeof logHistorySchema>;
