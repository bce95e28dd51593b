import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { getImportOf } from "@/lib/import/context";
import { failedRowsCsvLines } from "@/lib/import/failed-csv";
import { failedRowsOf } from "@/lib/import/queries";

/** An import's failed rows as CSV, each with its row number and reasons in the user's language (formula-safe), streamed a page at a time. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("Unauthorized", { status: 401 });
  const { id } = await params;
  const t = await getTranslations({ locale: user.locale });
  const db = await getDb();
  try {
    const rows = failedRowsOf(db, user, id);
    // The first page is read before answering: a refusal is a 404, not a broken download.
    const first = await rows.next();
    const { headers } = await getImportOf(db, user.workspaceId, id);
    const label = (column: number | null) => (column === null ? null : headers[column] || t("import.columnN", { n: column + 1 }));
    async function* failed() {
      for (let next = first; !next.done; next = await rows.next()) {
        const r = next.value;
        yield {
          rowNumber: r.rowNumber,
          cells: r.cells,
          reasons: r.problems.map((p) =>
            [label(p.column), t.has(`validation.${p.reason}`) ? t(`validation.${p.reason}`) : p.reason].filter(Boolean).join(": "),
          ),
        };
      }
    }
    const lines = failedRowsCsvLines(headers, failed(), { row: t("import.failedRow"), reason: t("import.failedReason") }, user.locale === "hu" ? ";" : ",");
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await lines.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        await lines.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="import-failed-rows.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return new Response("Not found", { status: 404 });
    throw error;
  }
}
