/**
 * p50 render time of the layout email (`npm run bench`): the generic marketing message — the
 * shared layout with a Markdown body, signature and unsubscribe footer — rendered to HTML and
 * plain text with its tracked links and open pixel, as `lib/email/send.ts` does for every email.
 */
import { randomUUID } from "node:crypto";
import MarketingMessageEmail from "../emails/marketing-message";
import { renderEmail } from "../lib/email/send";

const RENDERS = 300;
const WARM_UP = 20;

export type EmailFigure = { name: string; value: number; unit: string };

export async function benchEmailRender(): Promise<EmailFigure> {
  // Tracking links are signed: a throwaway secret keeps the bench away from any data folder. It is
  // put back afterwards: the servers the bench starts next inherit this environment and must keep
  // their own (generated) secret.
  const previous = process.env.AUTH_SECRET;
  process.env.AUTH_SECRET ??= "bench-email-secret";
  try {
    return await measure();
  } finally {
    if (previous === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = previous;
  }
}

async function measure(): Promise<EmailFigure> {
  const { unsubscribeUrl: _unused, ...props } = MarketingMessageEmail.PreviewProps;
  const times: number[] = [];
  for (let i = 0; i < RENDERS + WARM_UP; i++) {
    const started = performance.now();
    await renderEmail(randomUUID(), { name: "marketing-message", props });
    if (i >= WARM_UP) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { name: "email_layout_render_p50", value: times[Math.floor(times.length / 2)]!, unit: "ms" };
}
