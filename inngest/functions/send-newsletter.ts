import { getDb } from "@/db/client";
import { newsletterScheduled } from "@/inngest/events";
import { defineJob } from "@/lib/jobs/define";
import { sendNewsletterBatch, startNewsletter } from "@/lib/newsletters/sending";

/**
 * A newsletter at its time (lib/newsletters/sending.ts): its recipients read once, then sent batch
 * by batch, each batch a step of its own (a retry replays the finished ones and resumes the next),
 * until none is pending or it was cancelled.
 */
export const sendNewsletter = defineJob({ id: "newsletters/send", trigger: { event: newsletterScheduled } }, async ({ event, run }) => {
  const started = await run("start", async () => startNewsletter(await getDb(), event.data));
  if (started.state !== "sending") return started;
  let sent = 0;
  for (;;) {
    const batch = await run("batch", async () => sendNewsletterBatch(await getDb(), event.data));
    sent += batch.sent;
    if (batch.isDone) return { state: batch.state, sent };
  }
});
