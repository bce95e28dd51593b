import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { exportDatasheets, exportHeadingKeys } from "@/lib/datasheets/export";
import { getListColumns } from "@/lib/datasheets/list-columns";
import { parseListUrl } from "@/lib/views/url";

/**
 * The CSV export of the list's current filter (the same search params as the list page), streamed
 * batch by batch: `columns=all` for every column of the module, otherwise the user's list columns.
 * Who may export is decided in lib/ (admins and managers).
 */
export async function GET(request: Request, { params }: { params: Promise<{ moduleId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("Unauthorized", { status: 401 });
  const { moduleId } = await params;
  const search = new URL(request.url).searchParams;
  const state = parseListUrl(Object.fromEntries(search));
  const t = await getTranslations({ locale: user.locale, namespace: "export" });
  try {
    const csv = await exportDatasheets(user, moduleId, {
      filter: state.filter,
      sort: state.sort,
      columns: search.get("columns") === "all" ? "all" : await getListColumns(user, moduleId),
      locale: user.locale,
      headings: Object.fromEntries(exportHeadingKeys.map((key) => [key, t(`columns.${key}`)])) as Record<(typeof exportHeadingKeys)[number], string>,
      yes: t("yes"),
      no: t("no"),
    });
    const encoder = new TextEncoder();
    const iterator = csv.lines[Symbol.asyncIterator]();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        await iterator.return?.();
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${csv.fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return new Response("Not found", { status: 404 });
    if (error instanceof ForbiddenError) return new Response("Forbidden", { status: 403 });
    throw error;
  }
}
