import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const importStatusEnum = pgEnum("import_status", ["draft", "queued", "running", "done", "failed", "undone"]);
export type ImportStatus = (typeof importStatusEnum.enumValues)[number];

/**
 * An import (SPEC §6): an uploaded file or paste kept in the data folder, how it is read and
 * mapped, and how far its background job has got. `cursor_row` is the last spreadsheet row whose
 * outcome is recorded, moved in the same transaction as the batch that wrote it: a job that dies
 * resumes after it, and no row is written twice.
 */
export const imports = pgTable(
  "imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Who imported: the system writes the clients on their behalf. */
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    status: importStatusEnum("status").notNull().default("draft"),
    source: text("source").$type<"paste" | "file">().notNull(),
    fileName: text("file_name").notNull(),
    fileSize: integer("file_size").notNull(),
    /** How the file is read: format, encoding, delimiter, sheet, header row (lib/import/service.ts). */
    options: jsonb("options").$type<Record<string, unknown>>().notNull(),
    /** The mapping and target the user confirmed (set by the validation step). */
    settings: jsonb("settings").$type<Record<string, unknown>>(),
    /** The header row's cells (or "Column 1", … without one). */
    headers: jsonb("headers").$type<string[]>().notNull().default([]),
    /** Data rows, counted by the validation step. */
    totalRows: integer("total_rows"),
    cursorRow: integer("cursor_row").notNull().default(0),
    processedRows: integer("processed_rows").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    updatedCount: integer("updated_count").notNull().default(0),
    skippedCount: integer("skipped_count").notNull().default(0),
    failedCount: integer("failed_count").notNull().default(0),
    error: text("error"),
    /** Undo: the updated records left alone because they changed after the import. */
    undoReport: jsonb("undo_report").$type<{ changedSince: { rowNumber: number; datasheetId: string; name: string }[]; removed: number; restored: number }>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    undoneAt: timestamp("undone_at", { withTimezone: true }),
    undoneByUserId: uuid("undone_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("imports_workspace_idx").on(t.workspaceId, t.createdAt)],
);

export const importOutcomeEnum = pgEnum("import_outcome", ["created", "updated", "skipped", "failed"]);
export type ImportOutcome = (typeof importOutcomeEnum.enumValues)[number];

/**
 * What became of each data row: the datasheet it created, updated or matched, or why it failed
 * (with its cells, for the failed-rows download). An update keeps what it replaced and the
 * versions it left, so Undo restores it only if nobody changed it since.
 */
export const importRows = pgTable(
  "import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    rowNumber: integer("row_number").notNull(),
    outcome: importOutcomeEnum("outcome").notNull(),
    datasheetId: uuid("datasheet_id"),
    /** failed: `{ column, reason }`; skipped: why. */
    problems: jsonb("problems").$type<{ column: number | null; reason: string }[]>(),
    /** failed: the row as it was read. */
    cells: jsonb("cells").$type<string[]>(),
    /** updated: the company data, field values and added contacts before, and the versions after. */
    previous: jsonb("previous").$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNumber] }), index("import_rows_datasheet_idx").on(t.datasheetId)],
);

export type Import = typeof imports.$inferSelect;
export type ImportRow = typeof importRows.$inferSelect;
