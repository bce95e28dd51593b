import "server-only";
import fs from "node:fs";
import { and, eq, inArray, sql } from "drizzle-orm";
import { NonRetriableError } from "inngest";
import type { Db, Tx } from "@/db/client";
import { importRows, imports, type Import } from "@/db/schema";
import { systemActor, type Actor } from "@/lib/auth/permissions";
import { createClients, type NewClientRow } from "@/lib/datasheets/create";
import { jsonRows } from "@/lib/db/sql";
import { readAhead } from "@/lib/read-ahead";
import { DomainError, ValidationError } from "@/lib/errors";
import { checkRows, planRows, splitOnRepeats, type PlannedRow } from "./batch";
import { getImportOf, loadImportTarget, readOptionsOf, type ImportTarget } from "./context";
import { sheetRowsPath, uploadPath } from "./files";
import { importSettingsSchema, type ImportSettings } from "./schemas";
import { readRows, type SourceRow } from "./source";
import { updateFromRow } from "./update";

/*
 * The import job's work (SPEC §6): the file read as a stream from the row after the cursor, in
 * batches of `batchSize` rows, each batch one transaction — its clients created through
 * createClients (as the system, for the importing user), its matches updated through the page's
 * services, each row's outcome recorded, and the cursor and counts moved — so a batch is written
 * whole or not at all, and a job that dies resumes after the last batch that committed. A slice
 * stops after `maxMs` and the job continues in a new run (no request or function runs for long).
 */

export interface SliceOptions {
  maxMs?: number;
  batchSize?: number;
  /** Tests: called inside each batch's transaction before it commits (a throw rolls the batch back). */
  beforeCommit?: (batch: number) => void | Promise<void>;
}

export type SliceResult = { done: boolean };

export async function runImportSlice(db: Db, ref: { workspaceId: string; importId: string }, options: SliceOptions = {}): Promise<SliceResult> {
  const row = await getImportOf(db, ref.workspaceId, ref.importId);
  if (row.status !== "queued" && row.status !== "running") return { done: true };
  try {
    return await runSlice(db, row, options);
  } catch (error) {
    const reason = reasonOf(error);
    // What cannot go better on a retry (the module archived, the mapping no longer fits, the file
    // gone) fails the import now; anything else is kept for the summary while the job retries.
    if (isPermanent(error)) {
      await failImport(db, ref, reason);
      throw new NonRetriableError(reason, { cause: error });
    }
    await db.update(imports).set({ error: reason }).where(eq(imports.id, row.id));
    throw error;
  }
}

/**
 * The import failed for good (its job's last attempt, or an error no retry mends): it shows
 * Failed with the reason, and keeps what its committed batches wrote — counted, listed in its
 * rows, undoable; the batch that failed was rolled back whole.
 */
export async function failImport(db: Db, ref: { workspaceId: string; importId: string }, reason: string): Promise<void> {
  await db
    .update(imports)
    .set({ status: "failed", error: reason, finishedAt: new Date() })
    .where(and(eq(imports.id, ref.importId), eq(imports.workspaceId, ref.workspaceId), inArray(imports.status, ["queued", "running"])));
}

/** A failure's reason as the summary shows it: a message code of the catalog when there is one. */
export function reasonOf(error: unknown): string {
  // The settings were checked against the module when the report ran: it was archived since, or its fields changed.
  if (error instanceof ValidationError) return error.fieldErrors.moduleId ? "importModuleGone" : "importSettingsInvalid";
  if (error instanceof DomainError) return error.code;
  if (isMissingFile(error)) return "importFileMissing";
  return error instanceof Error ? error.message : String(error);
}

function isMissingFile(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ENOENT";
}

function isPermanent(error: unknown): boolean {
  return error instanceof DomainError || error instanceof NonRetriableError || isMissingFile(error);
}

async function runSlice(db: Db, row: Import, options: SliceOptions): Promise<SliceResult> {
  const { maxMs = 20_000, batchSize = 1000 } = options;
  const started = Date.now();
  if (row.status === "queued") await db.update(imports).set({ status: "running", startedAt: new Date() }).where(eq(imports.id, row.id));
  const settings = importSettingsSchema.parse(row.settings);
  const actor = systemActor(row.workspaceId, "import");
  const target = await loadImportTarget(db, actor, settings);
  const options_ = readOptionsOf(row);
  const firstRow = Math.max(row.cursorRow + 1, options_.hasHeader ? 2 : 1);
  // A workbook is read from the rows its validation report wrote out (files.ts), which is quicker
  // than the sheet's XML; without them (checked before they were kept) from the workbook itself.
  const sheetRows = options_.format === "xlsx" && fs.existsSync(sheetRowsPath(row.id)) ? sheetRowsPath(row.id) : undefined;
  // Read one batch ahead: while a batch's transaction waits on the database, the next is parsed
  // and checked (on a PostgreSQL server the two then overlap instead of taking turns).
  const batches = readAhead(checkedBatches(readRows(uploadPath(row.id), options_, firstRow, sheetRows), batchSize, settings, target));
  let count = 0;
  try {
    for await (const batch of batches) {
      if (!(await writeBatch(db, actor, row.id, settings, target, batch, count++, options.beforeCommit))) return { done: true };
      if (Date.now() - started > maxMs) return { done: false };
    }
  } finally {
    await batches.return(undefined);
  }
  await db.update(imports).set({ status: "done", error: null, finishedAt: new Date() }).where(eq(imports.id, row.id));
  return { done: true };
}

/** A batch of the file's rows with each row's check (pure work, done before its transaction). */
interface CheckedBatch {
  rows: SourceRow[];
  checked: ReturnType<typeof checkRows>;
}

async function* checkedBatches(source: AsyncGenerator<SourceRow>, size: number, settings: ImportSettings, target: ImportTarget): AsyncGenerator<CheckedBatch> {
  let rows: SourceRow[] = [];
  // An early stop (this generator's return() at a yield) leaves the loop, which closes the source.
  for await (const row of source) {
    rows.push(row);
    if (rows.length < size) continue;
    yield { rows, checked: checkRows(rows, settings, target) };
    rows = [];
  }
  if (rows.length) yield { rows, checked: checkRows(rows, settings, target) };
}

function newClientRow(plan: Extract<PlannedRow, { outcome: "created" }>, settings: ImportSettings, target: ImportTarget): NewClientRow {
  const { data } = plan;
  return {
    business: data.business,
    contacts: data.contacts,
    moduleId: target.moduleId,
    statusId: target.isAutomatic ? null : (settings.statusId ?? null),
    responsibleUserId: data.responsibleUserId ?? settings.responsibleUserId ?? null,
    fields: target.isAutomatic ? { ...data.fields, entry: settings.entry } : data.fields,
  };
}

/** One batch in one transaction; false when another run has written it meanwhile (this run then stops). */
async function writeBatch(
  db: Db,
  actor: Actor,
  importId: string,
  settings: ImportSettings,
  target: ImportTarget,
  { rows, checked }: CheckedBatch,
  index: number,
  beforeCommit: SliceOptions["beforeCommit"],
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ cursorRow: imports.cursorRow, status: imports.status }).from(imports).where(eq(imports.id, importId)).for("update");
    if (!locked || locked.status !== "running" || locked.cursorRow >= rows[0]!.rowNumber) return false;
    const counts = { created: 0, updated: 0, skipped: 0, failed: 0 };
    for (const part of splitOnRepeats(checked, settings)) {
      const planned = await planRows(tx, actor.workspaceId, settings, target, part);
      await writePlanned(tx, actor, importId, settings, target, planned, counts);
    }
    const processed = counts.created + counts.updated + counts.skipped + counts.failed;
    await tx
      .update(imports)
      .set({
        cursorRow: rows.at(-1)!.rowNumber,
        processedRows: sql`${imports.processedRows} + ${processed}`,
        createdCount: sql`${imports.createdCount} + ${counts.created}`,
        updatedCount: sql`${imports.updatedCount} + ${counts.updated}`,
        skippedCount: sql`${imports.skippedCount} + ${counts.skipped}`,
        failedCount: sql`${imports.failedCount} + ${counts.failed}`,
      })
      .where(eq(imports.id, importId));
    await beforeCommit?.(index);
    return true;
  });
}

/** A row of import_rows as its insert reads it. */
type ImportRowRecord = {
  row_number: number;
  outcome: "created" | "updated" | "skipped" | "failed";
  datasheet_id?: string;
  problems?: unknown;
  cells?: string[];
  previous?: unknown;
};

async function writePlanned(
  tx: Tx,
  actor: Actor,
  importId: string,
  settings: ImportSettings,
  target: ImportTarget,
  planned: PlannedRow[],
  counts: Record<"created" | "updated" | "skipped" | "failed", number>,
): Promise<void> {
  const records: ImportRowRecord[] = [];
  const creating = planned.filter((p): p is Extract<PlannedRow, { outcome: "created" }> => p.outcome === "created");
  const made = await createClients(
    tx,
    actor,
    creating.map((p) => newClientRow(p, settings, target)),
  );
  creating.forEach((p, i) => records.push({ row_number: p.rowNumber, outcome: "created", datasheet_id: made[i]!.datasheetId }));
  for (const p of planned) {
    // Written part by part (splitOnRepeats), a match is always in the database here.
    if ((p.outcome === "skipped" || p.outcome === "updated") && !p.match)
      throw new Error(`Row ${p.rowNumber} has no match to ${p.outcome === "skipped" ? "skip" : "update"}.`);
    if (p.outcome === "failed") records.push({ row_number: p.rowNumber, outcome: "failed", problems: p.problems, cells: p.cells });
    else if (p.outcome === "skipped") records.push({ row_number: p.rowNumber, outcome: "skipped", datasheet_id: p.match!.datasheetId });
    else if (p.outcome === "updated") {
      const previous = await updateFromRow(tx, actor, p.match!, p.data);
      records.push({
        row_number: p.rowNumber,
        outcome: "updated",
        datasheet_id: p.match!.datasheetId,
        previous: previous ? { ...previous, businessId: p.match!.businessId } : null,
      });
    }
    counts[p.outcome]++;
  }
  if (!records.length) return;
  // One statement, the rows as one jsonb parameter (no driver parameter a value).
  await tx.execute(sql`
    insert into ${importRows} (import_id, workspace_id, row_number, outcome, datasheet_id, problems, cells, previous)
    select ${importId}::uuid, ${actor.workspaceId}::uuid, r.row_number, r.outcome::import_outcome, r.datasheet_id, r.problems, r.cells, r.previous
    from jsonb_to_recordset(${jsonRows(records)}) as r(row_number int, outcome text, datasheet_id uuid, problems jsonb, cells jsonb, previous jsonb)`);
}
