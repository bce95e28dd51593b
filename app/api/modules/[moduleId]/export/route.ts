import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { exportDatasheets } from "@/lib/datasheets/export";
import { builtInColumns, getListColumns } from "@/lib/datasheets/list-columns";
import { loadModuleSummary } from "@/lib/datasheets/list-query";
import { formatName } from "@/lib/users/names";
import { parseListUrl } from "@/lib/views/url";

/**
 * The CSV export of the list's current filter (the same search params as the list page), in the
 * user's columns, streamed batch by batch. Who may export is decided in lib/ (admins and managers).
 */
export async function GET(request: Request, { params }: { params: Promise<{ moduleId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("Unauthorized", { status: 401 });
  const { moduleId } = await params;
  const state = parseListUrl(Object.fromEntries(new URL(request.url).searchParams));
  const t = await getTranslations({ locale: user.locale, namespace: "clientList.columns" });
  try {
    const summary = await loadModuleSummary(user, moduleId);
    const columns = await getListColumns(user, moduleId);
    const stream = await exportDatasheets(user, moduleId, {
      filter: state.filter,
      sort: state.sort,
      columns,
      headings: Object.fromEntries(["name", ...builtInColumns].map((c) => [c, t(c)])),
      formatName: (person) => formatName(person, user.locale),
    });
    const encoder = new TextEncoder();
    const iterator = stream[Symbol.asyncIterator]();
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
    const fileName = `${summary.name.replace(/[^\p{L}\p{N} _-]/gu, "").trim() || "clients"}-${new Date().toISOString().slice(0, 10)}.csv`;
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return new Response("Not found", { status: 404 });
    if (error instanceof ForbiddenError) return new Response("Forbidden", { status: 403 });
    throw error;
  }
}
