export const dynamic = "force-dynamic";

/** For load balancers and the benchmark's baseline: no session, no database. */
export function GET() {
  return Response.json({ ok: true });
}
