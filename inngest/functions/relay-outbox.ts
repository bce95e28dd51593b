import { getDb } from "@/db/client";
import { inngest } from "@/inngest/client";
import { defineJob } from "@/lib/jobs/define";
import { relayOutbox as relay } from "@/lib/jobs/relay";

/**
 * Inngest mode only: every minute, whatever the outbox holds that is due (delayed events, and any
 * row whose immediate relay after commit did not happen, e.g. the process died).
 */
export const relayOutbox = defineJob(
  { id: "jobs/relay-outbox", trigger: { cron: "* * * * *" }, retries: 0, isInngestOnly: true },
  async ({ run }) =>
    run("relay", async () => ({ sent: await relay({ db: await getDb(), send: (events) => inngest.send(events) }) })),
);
