import { z } from "zod";
import { loggableKinds } from "./kinds";

/** A call, meeting, note or email, with when it happened (default now; a past time for one logged afterwards). */
export const logHistorySchema = z.object({
  datasheetId: z.string().trim().max(100),
  kind: z.enum(loggableKinds, "required"),
  body: z.string().trim().min(1, "required").max(20_000, "tooLong"),
  occurredAt: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || (!Number.isNaN(Date.parse(v)) && /T\d{2}:\d{2}/.test(v)), "datetimeInvalid")
    .transform((v) => (v ? new Date(v) : null)),
});
export type LogHistoryInput = z.output<typeof logHistorySchema>;
