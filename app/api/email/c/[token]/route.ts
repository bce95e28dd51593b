import { getDb } from "@/db/client";
import { recordClick } from "@/lib/email/tracking";
import { notifyOutbox } from "@/lib/jobs/outbox";

/** A click-through: records the click, then on to the link's target (only one stored with the email). */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const url = await recordClick(await getDb(), (await params).token);
  if (!url) return new Response("Not found", { status: 404 });
  notifyOutbox();
  return new Response(null, { status: 302, headers: { location: url, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
}
