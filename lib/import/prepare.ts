import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { imports } from "@/db/schema";
import { importRequested } from "@/inngest/events";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { DomainError, ValidationError } from "@/lib/errors";
import { emit } from "@/lib/jobs/outbox";
import { checkRows, planRows } from "./batch";
import { getImportOf, importFields, loadImportTarget, readOptionsOf, type StoredOptions } from "./context";
import { removeUpload, saveUpload, sheetRowsPath, uploadPath } from "./files";
import type { RowProblem } from "./rows";
import { MAX_IMPORT_ROWS, type ImportSettings, type ReadOptionsInput } from "./schemas";
import {
  decodeSample,
  detectDelimiter,
  detectEncoding,
  firstRows,
  isZip,
  readRows,
  readSample,
  SheetRowsWriter,
  xlsxSheetNames,
  type SourceRow,
} from "./source";
import { suggestMapping } from "./suggest";
import type { ColumnTarget } from "./targets";

/*
 * The steps before the job (SPEC §6): the upload (streamed to the data folder, its kind, encoding
 * and delimiter detected), the preview with suggested mapping, and the validation report — the
 * whole file read and every row planned exactly as the job will, nothing written. Admins and
 * managers only (`data.import`), in their own workspace.
 */

const PREVIEW_ROWS = 20;
const REPORTED_PROBLEMS = 500;

export interface ImportPreview {
  importId: string;
  fileName: string;
  format: "csv" | "xlsx";
  options: StoredOptions;
  sheets: string[];
  headers: string[];
  rows: string[][];
  fields: { key: string; name: string; type: string }[];
  suggestions: ColumnTarget[];
}

export async function createImport(
  db: Db,
  actor: UserActor,
  input: { source: "paste" | "file"; fileName: string; body: ReadableStream<Uint8Array> },
): Promise<ImportPreview> {
  assertCan(actor, "data.import");
  const id = randomUUID();
  const size = await saveUpload(id, input.body);
  const sample = await readSample(uploadPath(id));
  if (!sample.length) {
    removeUpload(id);
    throw new DomainError("importEmpty");
  }
  const format = isZip(sample) ? "xlsx" : "csv";
  const encoding = format === "xlsx" ? "utf-8" : detectEncoding(sample);
  const delimiter = format === "xlsx" ? "," : detectDelimiter(decodeSample(sample, encoding), sample.length === size);
  const options: StoredOptions = { format, encoding, delimiter, sheet: 0, hasHeader: true };
  await db.insert(imports).values({
    id,
    workspaceId: actor.workspaceId,
    createdByUserId: actor.userId,
    source: input.source,
    fileName: input.fileName.slice(0, 200) || "paste",
    fileSize: size,
    options,
  });
  try {
    return await previewImport(db, actor, { importId: id });
  } catch (error) {
    // A file that cannot be read at all (a ZIP archive that is no workbook) leaves nothing behind.
    await db.delete(imports).where(eq(imports.id, id));
    removeUpload(id);
    throw error;
  }
}

function headersOf(rows: SourceRow[], hasHeader: boolean): string[] {
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  const first = hasHeader ? (rows[0]?.cells ?? []) : [];
  return Array.from({ length: width }, (_, i) => first[i]?.trim() ?? "");
}

/** The first rows as they read now, with the mapping suggested for the chosen module's fields. */
export async function previewImport(
  db: Db,
  actor: UserActor,
  input: { importId: string; options?: ReadOptionsInput; moduleId?: string },
): Promise<ImportPreview> {
  assertCan(actor, "data.import");
  const row = await getImportOf(db, actor.workspaceId, input.importId);
  if (row.status !== "draft") throw new DomainError("importStarted");
  let options = readOptionsOf(row);
  if (input.options) {
    options = { ...options, ...input.options, format: options.format };
    await db
      .update(imports)
      .set({ options: { ...options } })
      .where(eq(imports.id, row.id));
  }
  const sheets = options.format === "xlsx" ? await xlsxSheetNames(uploadPath(row.id)) : [];
  const rows = await firstRows(uploadPath(row.id), options, PREVIEW_ROWS + 1);
  const headers = headersOf(rows, options.hasHeader);
  const data = rows.slice(options.hasHeader ? 1 : 0, PREVIEW_ROWS + (options.hasHeader ? 1 : 0)).map((r) => headers.map((_, i) => r.cells[i] ?? ""));
  await db.update(imports).set({ headers }).where(eq(imports.id, row.id));
  const fields = input.moduleId ? await importFields(db, input.moduleId).catch(() => []) : [];
  return {
    importId: row.id,
    fileName: row.fileName,
    format: options.format,
    options,
    sheets,
    headers,
    rows: data,
    fields: fields.map(({ key, name, type }) => ({ key, name, type })),
    suggestions: suggestMapping(headers, data, fields),
  };
}

export interface ReportedProblem extends RowProblem {
  rowNumber: number;
  /** The column's header (or "Column n"). */
  header: string | null;
}

export interface ImportReport {
  total: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  /** The first problems, in row order; `failed` counts every failed row. */
  problems: ReportedProblem[];
}

/**
 * The validation report: every row read, checked and matched as the import will, nothing
 * written. Saves the mapping and target with the row count; a file over the row limit is refused
 * here, before any work starts.
 */
export async function checkImport(db: Db, actor: UserActor, input: { importId: string; settings: ImportSettings }): Promise<ImportReport> {
  assertCan(actor, "data.import");
  const row = await getImportOf(db, actor.workspaceId, input.importId);
  if (row.status !== "draft") throw new DomainError("importStarted");
  const settings = input.settings;
  if (settings.mapping.length > Math.max(row.headers.length, 1)) throw new ValidationError({ mapping: "mappingInvalid" });
  const target = await loadImportTarget(db, actor, settings);
  const options = readOptionsOf(row);
  const report: ImportReport = { total: 0, created: 0, updated: 0, skipped: 0, failed: 0, problems: [] };
  const seen = new Set<string>();
  let batch: SourceRow[] = [];
  const flush = async () => {
    const planned = await planRows(db, actor.workspaceId, settings, target, checkRows(batch, settings, target), seen);
    for (const p of planned) {
      report.total++;
      report[p.outcome]++;
      if (p.outcome !== "failed") continue;
      for (const problem of p.problems) {
        if (report.problems.length < REPORTED_PROBLEMS)
          report.problems.push({ ...problem, rowNumber: p.rowNumber, header: problem.column === null ? null : row.headers[problem.column] || null });
      }
    }
    batch = [];
  };
  const source = readRows(uploadPath(row.id), options, options.hasHeader ? 2 : 1);
  // A workbook's sheet is read through here anyway: its rows are kept as CSV for the job.
  const sheetRows = options.format === "xlsx" ? new SheetRowsWriter(sheetRowsPath(row.id)) : null;
  try {
    for await (const sourceRow of source) {
      batch.push(sourceRow);
      await sheetRows?.write(sourceRow);
      if (batch.length >= 1000) await flush();
      if (report.total > MAX_IMPORT_ROWS) throw new DomainError("importTooManyRows", { max: MAX_IMPORT_ROWS });
    }
    await flush();
    await sheetRows?.finish();
  } catch (error) {
    await sheetRows?.abandon();
    throw error;
  } finally {
    await source.return(undefined);
  }
  if (report.total > MAX_IMPORT_ROWS) throw new DomainError("importTooManyRows", { max: MAX_IMPORT_ROWS });
  await db.update(imports).set({ settings, totalRows: report.total }).where(eq(imports.id, row.id));
  return report;
}

/** Queues the checked import as a background job (it goes on when the tab is closed). */
export async function startImport(db: Db, actor: UserActor, input: { importId: string; runAutomations?: boolean }): Promise<void> {
  assertCan(actor, "data.import");
  await db.transaction(async (tx) => {
    const row = await getImportOf(tx, actor.workspaceId, input.importId, { lock: true });
    if (row.status !== "draft") throw new DomainError("importStarted");
    if (!row.settings || row.totalRows === null) throw new DomainError("importNotChecked");
    const settings = { ...row.settings, runAutomations: input.runAutomations ?? Boolean(row.settings.runAutomations) };
    await tx.update(imports).set({ status: "queued", settings }).where(eq(imports.id, row.id));
    await emit(tx, importRequested.create({ workspaceId: actor.workspaceId, importId: row.id, slice: 0 }));
  });
}
