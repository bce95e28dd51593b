import { backUpForLocalCommand } from "@/lib/backups/backup";

export const dynamic = "force-dynamic";

const messages = {
  401: "A backup is made for the token the app wrote into its data folder (backup-endpoint.json): run `npm run db:backup` there.",
  404: "No backups here: the app does not run on the embedded database.",
} as const;

/** `npm run db:backup` while the app runs: a dump of the embedded database's folder (lib/backups/endpoint.ts). */
export async function POST(request: Request): Promise<Response> {
  const bearer = /^Bearer (\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
  const result = await backUpForLocalCommand(bearer);
  if (!result.ok) {
    return new Response(`${messages[result.status]}\n`, {
      status: result.status,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
  return new Response(new Uint8Array(result.dump), {
    headers: {
      "content-type": "application/gzip",
      "content-length": String(result.dump.length),
      "content-disposition": 'attachment; filename="crm-backup.tar.gz"',
      "cache-control": "no-store",
    },
  });
}
