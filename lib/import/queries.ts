import "server-only";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importRows, imports, modules, users, type ImportStatus } from "@/db/schema";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { getImportOf } from "./context";

/** What the progress bar, the summary and Import history show of an import. */
export interface ImportProgress {
  id: string;
  status: ImportStatus;
  fileName: string;
  moduleId: string | null;
  moduleName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  undoneAt: Date | null;
  /** The last failure of a running import's job, while it retries. */
  error: string | null;
  byName: string | null;
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  undoReport: { changedSince: { rowNumber: number; datasheetId: string; name: string }[]; removed: number; restored: number } | null;
}

function select(db: Db) {
  return db
    .select({
      id: imports.id,
      status: imports.status,
      fileName: imports.fileName,
      settings: imports.settings,
      createdAt: imports.createdAt,
      finishedAt: imports.finishedAt,
      undoneAt: imports.undoneAt,
      error: imports.error,
      familyName: users.familyName,
      givenName: users.givenName,
      total: imports.totalRows,
      processed: imports.processedRows,
      created: imports.createdCount,
      updated: imports.updatedCount,
      skipped: imports.skippedCount,
      failed: imports.failedCount,
      undoReport: imports.undoReport,
      moduleName: modules.name,
    })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.createdByUserId))
    .leftJoin(modules, sql`${modules.id} = (${imports.settings}->>'moduleId')::uuid`);
}

type Selected = Awaited<ReturnType<ReturnType<typeof select>["execute"]>>[number];

function progressOf(r: Selected): ImportProgress {
  const { familyName, givenName, settings, ...rest } = r;
  return { ...rest, moduleId: (settings?.moduleId as string | undefined) ?? null, byName: familyName ? `${familyName} ${givenName}` : null };
}

export async function getImportProgress(db: Db, actor: UserActor, importId: string): Promise<ImportProgress> {
  assertCan(actor, "data.import");
  await getImportOf(db, actor.workspaceId, importId);
  const [row] = await select(db).where(eq(imports.id, importId));
  return progressOf(row!);
}

/** Settings → Import history: the workspace's imports that got past the dialog, newest first. */
export async function listImports(db: Db, actor: UserActor, limit = 100): Promise<ImportProgress[]> {
  assertCan(actor, "data.import");
  const rows = await select(db)
    .where(and(eq(imports.workspaceId, actor.workspaceId), sql`${imports.status} <> 'draft'`))
    .orderBy(desc(imports.createdAt))
    .limit(limit);
  return rows.map(progressOf);
}

/** Every failed row of an import with its cells and problems, in row order, a page at a time. */
export async function* failedRowsOf(db: Db, actor: UserActor, importId: string) {
  assertCan(actor, "data.import");
  const row = await getImportOf(db, actor.workspaceId, importId);
  let after = 0;
  for (;;) {
    const page = await db
      .select({ rowNumber: importRows.rowNumber, cells: importRows.cells, problems: importRows.problems })
      .from(importRows)
      .where(and(eq(importRows.importId, row.id), eq(importRows.outcome, "failed"), gt(importRows.rowNumber, after)))
      .orderBy(asc(importRows.rowNumber))
      .limit(1000);
    if (!page.length) return;
    for (const p of page) yield { rowNumber: p.rowNumber, cells: p.cells ?? [], problems: p.problems ?? [] };
    after = page.at(-1)!.rowNumber;
  }
}
