import { getDb } from "@/db/client";
import { unsubscribe } from "@/lib/email/tracking";
import { notifyOutbox } from "@/lib/jobs/outbox";

/**
 * RFC 8058 one-click unsubscribe: the mail client POSTs `List-Unsubscribe=One-Click` to the URL in
 * the List-Unsubscribe header. No session, no confirmation: the signed token is the credential.
 */
export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const done = await unsubscribe(await getDb(), (await params).token);
  if (!done) return new Response("Not found", { status: 404 });
  notifyOutbox();
  return new Response("Unsubscribed", { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** Someone who opens the header's URL in a browser gets the confirmation page instead. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return Response.redirect(new URL(`/unsubscribe/${encodeURIComponent(token)}`, request.url), 303);
}
