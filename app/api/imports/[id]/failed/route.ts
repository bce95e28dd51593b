import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { getImportOf } from "@/lib/import/context";
import { failedRowsCsv } from "@/lib/import/failed-csv";
import { failedRowsOf } from "@/lib/import/queries";

/** An import's failed rows as CSV, each with its row number and reasons in the user's language (formula-safe). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("Unauthorized", { status: 401 });
  const { id } = await params;
  const t = await getTranslations({ locale: user.locale });
  const db = await getDb();
  try {
    const rows = [];
    for await (const row of failedRowsOf(db, user, id)) rows.push(row);
    const { headers } = await getImportOf(db, user.workspaceId, id);
    const label = (column: number | null) => (column === null ? null : headers[column] || t("import.columnN", { n: column + 1 }));
    const csv = failedRowsCsv(
      headers,
      rows.map((r) => ({
        rowNumber: r.rowNumber,
        cells: r.cells,
        reasons: r.problems.map((p) => [label(p.column), t.has(`validation.${p.reason}`) ? t(`validation.${p.reason}`) : p.reason].filter(Boolean).join(": ")),
      })),
      { row: t("import.failedRow"), reason: t("import.failedReason") },
      user.locale === "hu" ? ";" : ",",
    );
    return new Response(csv, {
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
