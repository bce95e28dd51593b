import { getDb } from "@/db/client";
import { recordOpen } from "@/lib/email/tracking";
import { notifyOutbox } from "@/lib/jobs/outbox";

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** The open pixel of a marketing email. A token that does not verify is 404 and records nothing. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const isRecorded = await recordOpen(await getDb(), (await params).token);
  if (!isRecorded) return new Response("Not found", { status: 404 });
  notifyOutbox();
  return new Response(PIXEL, {
    headers: { "content-type": "image/gif", "cache-control": "no-store, max-age=0", "x-content-type-options": "nosniff" },
  });
}
