import { getDb } from "@/db/client";
import { resendWebhookSecret } from "@/lib/email/config";
import { handleResendWebhook } from "@/lib/email/webhooks";
import { notifyOutbox } from "@/lib/jobs/outbox";

/** Resend's signed webhooks: deliveries, bounces, complaints, opens and clicks. */
export async function POST(request: Request) {
  const payload = await request.text();
  const outcome = await handleResendWebhook(await getDb(), {
    secret: resendWebhookSecret(),
    payload,
    headers: {
      id: request.headers.get("svix-id"),
      timestamp: request.headers.get("svix-timestamp"),
      signature: request.headers.get("svix-signature"),
    },
  });
  // What the webhook recorded (bounces, complaints …) goes on to its functions now, not at the next poll.
  if (outcome.status === 200) notifyOutbox();
  return Response.json(outcome.status === 200 ? { result: outcome.result } : { error: outcome.error }, { status: outcome.status });
}
