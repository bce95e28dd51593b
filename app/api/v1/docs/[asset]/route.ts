import { referenceAsset } from "@/lib/api/reference";

/** The reference page's script and style files (Swagger UI's own, from node_modules, and its start-up call). */
export async function GET(request: Request, { params }: { params: Promise<{ asset: string }> }): Promise<Response> {
  const version = new URL(request.url).searchParams.get("v");
  return referenceAsset((await params).asset, version) ?? new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
}
