import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/actor";
import { DomainError, ForbiddenError } from "@/lib/errors";
import { createImport } from "@/lib/import/prepare";
import { MAX_IMPORT_BYTES } from "@/lib/import/schemas";

/**
 * The import's upload: the file (or the pasted text) is the request body, streamed to the data
 * folder — a server action's 1 MB limit does not apply, and memory stays flat up to the 100 MB
 * limit. `?source=paste|file&name=<file name>`. Answers the preview of the first rows.
 */
export async function POST(request: Request) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ message: "errors.uploadFailed" }, { status: 401 });
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_IMPORT_BYTES)
    return Response.json({ message: "errors.importTooLarge", params: { megabytes: MAX_IMPORT_BYTES / 1024 / 1024 } }, { status: 413 });
  if (!request.body) return Response.json({ message: "errors.importEmpty" }, { status: 400 });
  const search = new URL(request.url).searchParams;
  try {
    const preview = await createImport(await getDb(), user, {
      source: search.get("source") === "paste" ? "paste" : "file",
      fileName: search.get("name") ?? "",
      body: request.body,
    });
    return Response.json(preview);
  } catch (error) {
    if (error instanceof ForbiddenError) return Response.json({ message: "errors.forbidden" }, { status: 403 });
    if (error instanceof DomainError) {
      const status = error.code === "importTooLarge" ? 413 : 400;
      return Response.json({ message: `errors.${error.code}`, params: error.params }, { status });
    }
    throw error;
  }
}
