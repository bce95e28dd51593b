import { z } from "zod";

export const retryJobRunSchema = z.object({ runId: z.string().min(1, "required") });
export type RetryJobRunInput = z.infer<typeof retryJobRunSchema>;
