import { getDb } from "@/db/client";
import { importRequested } from "@/inngest/events";
import { defineJob } from "@/lib/jobs/define";
import { failImport, reasonOf, runImportSlice } from "@/lib/import/run";

/**
 * An import in the background (SPEC §6): a slice of batches per run, each batch committed with the
 * import's cursor; a slice that stops before the file ends continues in the next run. A retried
 * run resumes after the last committed batch, so no row is written twice. When the last attempt
 * fails, the import shows Failed with the reason, keeping what its committed batches wrote.
 */
export const importRun = defineJob({ id: "import/run", trigger: { event: importRequested }, retries: 10 }, async ({ event, run, emit, isFinalAttempt }) => {
  let result: { done: boolean };
  try {
    result = await run("slice", async () => runImportSlice(await getDb(), event.data));
  } catch (error) {
    if (isFinalAttempt) await failImport(await getDb(), event.data, reasonOf(error));
    throw error;
  }
  if (!result.done) await emit(importRequested.create({ ...event.data, slice: event.data.slice + 1 }));
});
