import "server-only";
import { createHash } from "node:crypto";
import type { Conn } from "@/db/client";
import { findExisting, type ExistingClient } from "./existing";
import { checkRow, duplicateKeyOf, isBlankRow, type ClientData, type RowProblem } from "./rows";
import type { ImportSettings } from "./schemas";
import type { SourceRow } from "./source";
import type { ImportTarget } from "./context";
import type { ColumnTarget } from "./targets";

/*
 * One batch of rows sorted into what will happen to each: failed (with its problems), new,
 * a match to update, or a match to skip. Shared by the validation report (nothing written) and the
 * import job (written), so the report says exactly what the import then does.
 */

export type PlannedRow =
  | { rowNumber: number; cells: string[]; outcome: "failed"; problems: RowProblem[] }
  | { rowNumber: number; cells: string[]; outcome: "created"; data: ClientData }
  | { rowNumber: number; cells: string[]; outcome: "updated" | "skipped"; data: ClientData; match: ExistingClient | null };

export function checkRows(rows: readonly SourceRow[], settings: ImportSettings, target: ImportTarget) {
  return rows.filter((r) => !isBlankRow(r.cells)).map((r) => ({ ...r, checked: checkRow(r.cells, settings.mapping as ColumnTarget[], target.context) }));
}

/** A short, fixed-size stand-in for a duplicate key: the report's memory of the keys seen stays small. */
export function keyHash(key: string): string {
  return createHash("sha1").update(key).digest("base64").slice(0, 12);
}

/**
 * Plans the rows against the module's clients. `seen` holds the keys of earlier rows of the file
 * that were not written yet (the report): a later row with the same key is the same client.
 * Without `seen` (the import) earlier rows are in the database already.
 */
export async function planRows(
  conn: Conn,
  workspaceId: string,
  settings: ImportSettings,
  target: ImportTarget,
  rows: ReturnType<typeof checkRows>,
  seen?: Set<string>,
): Promise<PlannedRow[]> {
  const isMatching = settings.mode !== "create";
  const keys = rows.map((r) => (r.checked.ok && isMatching ? duplicateKeyOf(r.checked.data, settings.match) : null));
  const existing = isMatching
    ? await findExisting(
        conn,
        workspaceId,
        target.moduleId,
        settings.match,
        keys.filter((k): k is string => k !== null),
      )
    : new Map();
  return rows.map((r, i): PlannedRow => {
    if (!r.checked.ok) return { rowNumber: r.rowNumber, cells: r.cells, outcome: "failed", problems: r.checked.problems };
    const key = keys[i];
    const match = key ? existing.get(key) : undefined;
    const isSeen = key && seen ? seen.has(keyHash(key)) : false;
    if (key && seen && !match) seen.add(keyHash(key));
    if (match || isSeen) {
      // No match but seen: an earlier row of the file makes this client (the report's case only).
      const outcome = settings.mode === "update" ? "updated" : "skipped";
      return { rowNumber: r.rowNumber, cells: r.cells, outcome, data: r.checked.data, match: match ?? null };
    }
    return { rowNumber: r.rowNumber, cells: r.cells, outcome: "created", data: r.checked.data };
  });
}

/**
 * Splits a batch before any row whose key an earlier row of the same part has: each part is
 * written before the next is planned, so a repeated row finds the client the earlier one made.
 */
export function splitOnRepeats<T extends { checked: ReturnType<typeof checkRow> }>(rows: readonly T[], settings: ImportSettings): T[][] {
  if (settings.mode === "create") return [rows.slice()];
  const parts: T[][] = [[]];
  let keys = new Set<string>();
  for (const row of rows) {
    const key = row.checked.ok ? duplicateKeyOf(row.checked.data, settings.match) : null;
    if (key && keys.has(key)) {
      parts.push([]);
      keys = new Set();
    }
    if (key) keys.add(key);
    parts.at(-1)!.push(row);
  }
  return parts;
}
