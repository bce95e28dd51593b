import { getDb } from "@/db/client";
import { emailQueued } from "@/inngest/events";
import { defineJob } from "@/lib/jobs/define";
import { deliverEmail } from "@/lib/email/send";

/** Hands each queued email over (Resend, or the outbox). The step makes a retry never send twice. */
export const sendEmail = defineJob({ id: "email/send", trigger: { event: emailQueued } }, async ({ event, run }) =>
  run("deliver", async () => deliverEmail(await getDb(), event.data)),
);
