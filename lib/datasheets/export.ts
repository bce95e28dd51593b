import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { fields, statuses } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { FieldValue } from "@/lib/fields/values";
import type { ListFilter, ListSort } from "@/lib/views/filter";
import { csvBom, csvRow } from "./export-csv";
import { enrichPage, loadListScope, queryListPage } from "./list-query";

/** Rows per keyset read: big enough to be quick, small enough to keep memory flat. */
const batchSize = 1000;

export interface ExportRequest {
  filter: ListFilter;
  sort: ListSort;
  /** Column ids as in the list (`status`, `field:<key>`…); the business name always comes first. */
  columns: string[];
  /** The header row's labels by column id (`name` too), in the reader's language. */
  headings: Record<string, string>;
  formatName: (person: { familyName: string; givenName: string }) => string;
}

function formatValue(value: FieldValue | null): string {
  if (value === null) return "";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return `${value.amount} ${value.currency}`;
  return String(value);
}

const iso = (d: Date | null) => (d ? d.toISOString() : "");

/**
 * The current filter of the list as CSV (admins and managers: `data.export`), streamed in keyset
 * batches with the same visibility, filter and order as the list. Checked before the first byte,
 * so a refused export is an error response, not a half-written file.
 */
export async function exportDatasheets(actor: Actor, moduleId: string, request: ExportRequest): Promise<AsyncIterable<string>> {
  assertCan(actor, "data.export");
  const db = await getDb();
  const scope = await loadListScope(db, actor, moduleId);
  const [statusRows, fieldRows] = await Promise.all([
    db.select({ id: statuses.id, name: statuses.name }).from(statuses).where(eq(statuses.moduleId, moduleId)),
    db.select({ key: fields.key, label: fields.label }).from(fields).where(eq(fields.moduleId, moduleId)),
  ]);
  const statusName = new Map(statusRows.map((s) => [s.id, s.name]));
  const fieldLabel = new Map(fieldRows.map((f) => [f.key, f.label]));
  const columns = request.columns.filter((c) => !c.startsWith("field:") || scope.context.fields.some((f) => `field:${f.key}` === c));
  const fieldKeys = columns.filter((c) => c.startsWith("field:")).map((c) => c.slice(6));

  return (async function* () {
    yield csvBom + csvRow(["name", ...columns].map((c) => request.headings[c] ?? fieldLabel.get(c.slice(6)) ?? c));
    let cursor: string | null = null;
    do {
      const page = await queryListPage(db, actor, scope, { filter: request.filter, sort: request.sort, cursor, limit: batchSize });
      const rows = await enrichPage(db, actor, scope, page.rows, fieldKeys);
      let chunk = "";
      for (const row of rows) {
        const cells = columns.map((column) => {
          switch (column) {
            case "status":
              return statusName.get(row.statusId) ?? "";
            case "responsible":
              return row.responsible ? request.formatName(row.responsible) : "";
            case "nextTodo":
              return row.nextTodo ? `${row.nextTodo.text} (${iso(row.nextTodo.dueAt)})` : "";
            case "lastContact":
              return iso(row.lastContactAt);
            case "created":
              return iso(row.createdAt);
            default:
              return formatValue(row.fields[column.slice(6)] ?? null);
          }
        });
        chunk += csvRow([row.businessName, ...cells]);
      }
      yield chunk;
      cursor = page.nextCursor;
    } while (cursor);
  })();
}
