import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { importRows, imports } from "@/db/schema";
import { systemActor, type Actor } from "@/lib/auth/permissions";
import { createClients, type NewClientRow } from "@/lib/datasheets/create";
import { checkRows, planRows, splitOnRepeats, type PlannedRow } from "./batch";
import { getImportOf, loadImportTarget, readOptionsOf, type ImportTarget } from "./context";
import { uploadPath } from "./files";
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
  const { maxMs = 20_000, batchSize = 500 } = options;
  const started = Date.now();
  const row = await getImportOf(db, ref.workspaceId, ref.importId);
  if (row.status !== "queued" && row.status !== "running") return { done: true };
  if (row.status === "queued") await db.update(imports).set({ status: "running", startedAt: new Date() }).where(eq(imports.id, row.id));
  const settings = importSettingsSchema.parse(row.settings);
  const actor = systemActor(row.workspaceId, "import");
  const target = await loadImportTarget(db, actor, settings);
  const options_ = readOptionsOf(row);
  const firstRow = Math.max(row.cursorRow + 1, options_.hasHeader ? 2 : 1);
  const source = readRows(uploadPath(row.id), options_, firstRow);
  let batch: SourceRow[] = [];
  let count = 0;
  try {
    for await (const sourceRow of source) {
      batch.push(sourceRow);
      if (batch.length < batchSize) continue;
      if (!(await writeBatch(db, actor, row.id, settings, target, batch, count++, options.beforeCommit))) return { done: true };
      batch = [];
      // A workbook is read through in one run: exceljs cannot be left halfway (lib/import/source.ts).
      if (Date.now() - started > maxMs && options_.format === "csv") return { done: false };
    }
    if (batch.length && !(await writeBatch(db, actor, row.id, settings, target, batch, count++, options.beforeCommit))) return { done: true };
  } catch (error) {
    // Kept for the summary while the job retries; the next batch that commits clears nothing else.
    await db
      .update(imports)
      .set({ error: error instanceof Error ? error.message : String(error) })
      .where(eq(imports.id, row.id));
    throw error;
  } finally {
    await source.return(undefined);
  }
  await db.update(imports).set({ status: "done", error: null, finishedAt: new Date() }).where(eq(imports.id, row.id));
  return { done: true };
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
  rows: SourceRow[],
  index: number,
  beforeCommit: SliceOptions["beforeCommit"],
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ cursorRow: imports.cursorRow, status: imports.status }).from(imports).where(eq(imports.id, importId)).for("update");
    if (!locked || locked.status !== "running" || locked.cursorRow >= rows[0]!.rowNumber) return false;
    const counts = { created: 0, updated: 0, skipped: 0, failed: 0 };
    for (const part of splitOnRepeats(checkRows(rows, settings, target), settings)) {
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

async function writePlanned(
  tx: Tx,
  actor: Actor,
  importId: string,
  settings: ImportSettings,
  target: ImportTarget,
  planned: PlannedRow[],
  counts: Record<"created" | "updated" | "skipped" | "failed", number>,
): Promise<void> {
  const records: (typeof importRows.$inferInsert)[] = [];
  const creating = planned.filter((p): p is Extract<PlannedRow, { outcome: "created" }> => p.outcome === "created");
  const made = await createClients(
    tx,
    actor,
    creating.map((p) => newClientRow(p, settings, target)),
  );
  creating.forEach((p, i) =>
    records.push({ importId, workspaceId: actor.workspaceId, rowNumber: p.rowNumber, outcome: "created", datasheetId: made[i]!.datasheetId }),
  );
  for (const p of planned) {
    // Written part by part (splitOnRepeats), a match is always in the database here.
    if ((p.outcome === "skipped" || p.outcome === "updated") && !p.match)
      throw new Error(`Row ${p.rowNumber} has no match to ${p.outcome === "skipped" ? "skip" : "update"}.`);
    if (p.outcome === "failed")
      records.push({ importId, workspaceId: actor.workspaceId, rowNumber: p.rowNumber, outcome: "failed", problems: p.problems, cells: p.cells });
    else if (p.outcome === "skipped")
      records.push({ importId, workspaceId: actor.workspaceId, rowNumber: p.rowNumber, outcome: "skipped", datasheetId: p.match!.datasheetId });
    else if (p.outcome === "updated") {
      const previous = await updateFromRow(tx, actor, p.match!, p.data);
      records.push({
        importId,
        workspaceId: actor.workspaceId,
        rowNumber: p.rowNumber,
        outcome: "updated",
        datasheetId: p.match!.datasheetId,
        previous: previous ? { ...previous, businessId: p.match!.businessId } : null,
      });
    }
    counts[p.outcome]++;
  }
  for (let i = 0; i < records.length; i += 1000) await tx.insert(importRows).values(records.slice(i, i + 1000));
}
