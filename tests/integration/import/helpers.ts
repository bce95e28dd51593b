import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll } from "vitest";
import { getDb } from "@/db/client";
import { datasheets, importRows, imports } from "@/db/schema";
import type { UserActor } from "@/lib/auth/permissions";
import { checkImport, createImport, startImport } from "@/lib/import/prepare";
import { runImportSlice, type SliceOptions } from "@/lib/import/run";
import type { ImportSettings } from "@/lib/import/schemas";

/** Uploads go to a folder of this test file's own. */
export function withImportFolder(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-it-"));
  process.env.CRM_IMPORT_DIR = dir;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
}

export async function upload(actor: UserActor, content: string | Buffer, fileName = "clients.csv") {
  return createImport(await getDb(), actor, { source: "file", fileName, body: new Blob([new Uint8Array(Buffer.from(content))]).stream() });
}

export function settingsFor(moduleId: string, mapping: string[], overrides: Partial<ImportSettings> = {}): ImportSettings {
  return { mapping, moduleId, entry: "inquiry", match: "email", mode: "skip", runAutomations: false, ...overrides };
}

/** Runs the job's slices until the import is done, as the job's runs would one after another. */
export async function runToEnd(workspaceId: string, importId: string, options: SliceOptions = {}): Promise<void> {
  const db = await getDb();
  for (let i = 0; i < 1000; i++) if ((await runImportSlice(db, { workspaceId, importId }, options)).done) return;
  throw new Error("the import never ended");
}

/** Upload → report → start → run: the whole dialog and job, for a test that needs the outcome. */
export async function importText(actor: UserActor, text: string, settings: Omit<ImportSettings, "mapping"> & { mapping?: string[] }, mapping?: string[]) {
  const db = await getDb();
  const preview = await upload(actor, text);
  const full = { ...settings, mapping: mapping ?? settings.mapping ?? preview.suggestions } as ImportSettings;
  const report = await checkImport(db, actor, { importId: preview.importId, settings: full });
  await startImport(db, actor, { importId: preview.importId });
  await runToEnd(actor.workspaceId, preview.importId);
  return { importId: preview.importId, report };
}

export async function importOf(importId: string) {
  const db = await getDb();
  const [row] = await db.select().from(imports).where(eq(imports.id, importId));
  return row!;
}

export async function rowsOfImport(importId: string) {
  const db = await getDb();
  return db.select().from(importRows).where(eq(importRows.importId, importId)).orderBy(importRows.rowNumber);
}

export async function liveDatasheets(moduleId: string) {
  const db = await getDb();
  return db
    .select()
    .from(datasheets)
    .where(and(eq(datasheets.moduleId, moduleId), isNull(datasheets.deletedAt)));
}
