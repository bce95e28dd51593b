import fs from "node:fs";
import ExcelJS from "exceljs";
import { NonRetriableError } from "inngest";
import { eq } from "drizzle-orm";
import JSZip from "jszip";
import { expect, it } from "vitest";
import { getDb } from "@/db/client";
import { imports } from "@/db/schema";
import { importRun } from "@/inngest/functions/import-run";
import { importFolder, sheetRowsPath, uploadPath } from "@/lib/import/files";
import { checkImport, previewImport, startImport } from "@/lib/import/prepare";
import { getImportProgress, listImports } from "@/lib/import/queries";
import { runImportSlice } from "@/lib/import/run";
import { undoImport } from "@/lib/import/undo";
import { archiveModule } from "@/lib/modules/module-mutations";
import type { StepAdapter } from "@/lib/jobs/define";
import { createWorkspace } from "../../factories";
import { createTestModule } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";
import { importOf, liveDatasheets, runToEnd, settingsFor, upload, withImportFolder } from "./helpers";

withImportFolder();

const csv = (rows: number) => "Company,Email\n" + Array.from({ length: rows }, (_, i) => `Failing ${i},failing${i}@x.hu\n`).join("");

/** The job's own handler, called as a runtime would on one attempt. */
function attempt(data: { workspaceId: string; importId: string }, options: { isFinal: boolean; slice?: () => Promise<unknown> }) {
  const adapter: StepAdapter = {
    runId: `run-${data.importId}`,
    isFinalAttempt: options.isFinal,
    db: getDb,
    run: async <T>(_stepId: string, fn: () => Promise<T>) => ((options.slice ?? fn) as () => Promise<T>)(),
    sleepUntil: async () => {},
  };
  return importRun.invoke({ id: `event-${data.importId}`, name: "import/requested", data: { ...data, slice: 0 }, ts: Date.now() }, adapter);
}

describeEachBackend("Import that fails", () => {
  it("shows Failed with the reason once its job's last attempt fails, keeping what its committed batches wrote (undoable)", async () => {
    const ws = await createWorkspace();
    const sales = await createTestModule(ws.actors.admin, "sales_manual");
    const db = await getDb();
    const preview = await upload(ws.actors.admin, csv(900));
    await checkImport(db, ws.actors.admin, {
      importId: preview.importId,
      settings: settingsFor(sales.module.id, ["business.name", "business.email"], { mode: "create" }),
    });
    await startImport(db, ws.actors.admin, { importId: preview.importId });
    const ref = { workspaceId: ws.workspace.id, importId: preview.importId };

    // Two batches commit, the third fails: it is rolled back whole, and the job will retry.
    const failing = runImportSlice(db, ref, {
      batchSize: 300,
      beforeCommit: (batch) => {
        if (batch === 2) throw new Error("The database went away.");
      },
    });
    await expect(failing).rejects.toThrow("The database went away.");
    expect(await importOf(preview.importId)).toMatchObject({ status: "running", createdCount: 600, error: "The database went away." });

    // A retry that is not the last leaves it running; the last one fails it for good.
    const transient = () => Promise.reject(new Error("The database went away again."));
    await expect(attempt(ref, { isFinal: false, slice: transient })).rejects.toThrow("again");
    expect(await importOf(preview.importId)).toMatchObject({ status: "running" });
    await expect(attempt(ref, { isFinal: true, slice: transient })).rejects.toThrow("again");
    expect(await importOf(preview.importId)).toMatchObject({ status: "failed", error: "The database went away again.", createdCount: 600, processedRows: 600 });
    expect(await liveDatasheets(sales.module.id)).toHaveLength(600);

    // What the summary and the history show: Failed, the reason, what was written.
    const progress = await getImportProgress(db, ws.actors.admin, preview.importId);
    expect(progress).toMatchObject({ status: "failed", error: "The database went away again.", processed: 600, created: 600, total: 900 });
    expect((await listImports(db, ws.actors.manager)).find((i) => i.id === preview.importId)).toMatchObject({ status: "failed", created: 600 });
    // A failed import is over: another slice writes nothing more, and what it wrote can be undone.
    expect(await runImportSlice(db, ref)).toEqual({ done: true });
    expect(await liveDatasheets(sales.module.id)).toHaveLength(600);
    expect(await undoImport(db, ws.actors.manager, preview.importId)).toMatchObject({ removed: 600 });
    expect(await liveDatasheets(sales.module.id)).toHaveLength(0);
  });

  it("fails at once, with the reason, when no retry can mend it: the module archived, the file gone", async () => {
    const ws = await createWorkspace();
    const db = await getDb();
    const settings = (moduleId: string) => settingsFor(moduleId, ["business.name", "business.email"], { mode: "create" });

    const archived = await createTestModule(ws.actors.admin, "sales_manual");
    const first = await upload(ws.actors.admin, csv(10));
    await checkImport(db, ws.actors.admin, { importId: first.importId, settings: settings(archived.module.id) });
    await startImport(db, ws.actors.admin, { importId: first.importId });
    await archiveModule(ws.actors.admin, archived.module.id);
    const refused = runImportSlice(db, { workspaceId: ws.workspace.id, importId: first.importId });
    await expect(refused).rejects.toBeInstanceOf(NonRetriableError);
    expect(await importOf(first.importId)).toMatchObject({ status: "failed", error: "importModuleGone", createdCount: 0 });

    const live = await createTestModule(ws.actors.admin, "sales_manual");
    const second = await upload(ws.actors.admin, csv(10));
    await checkImport(db, ws.actors.admin, { importId: second.importId, settings: settings(live.module.id) });
    await startImport(db, ws.actors.admin, { importId: second.importId });
    fs.rmSync(uploadPath(second.importId));
    // Through the job, on its first attempt: nothing to retry.
    await expect(attempt({ workspaceId: ws.workspace.id, importId: second.importId }, { isFinal: false })).rejects.toBeInstanceOf(NonRetriableError);
    expect(await importOf(second.importId)).toMatchObject({ status: "failed", error: "importFileMissing", createdCount: 0 });
    expect(await liveDatasheets(live.module.id)).toHaveLength(0);
  });

  it("imports a workbook in runs, from the sheet's rows its report kept, its progress moving batch by batch like a CSV's", async () => {
    const ws = await createWorkspace();
    const sales = await createTestModule(ws.actors.admin, "sales_manual");
    const db = await getDb();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Ügyfelek");
    sheet.addRow(["Cégnév", "E-mail"]);
    for (let i = 0; i < 2500; i++) sheet.addRow([`Munkafüzet ${i} Kft.`, `mf${i}@x.hu`]);
    // A gap and a cell with a quote, a comma and a line break: row numbers and cells come back as they were.
    sheet.getCell("A2504").value = 'Idézet "és", sortörés\nKft.';
    sheet.getCell("B2504").value = "idezet@x.hu";
    const preview = await upload(ws.actors.admin, Buffer.from(await workbook.xlsx.writeBuffer()), "ugyfelek.xlsx");
    const report = await checkImport(db, ws.actors.admin, {
      importId: preview.importId,
      settings: settingsFor(sales.module.id, ["business.name", "business.email"], { mode: "create" }),
    });
    expect(report).toMatchObject({ total: 2501, created: 2501 });
    expect(fs.existsSync(sheetRowsPath(preview.importId))).toBe(true);
    await startImport(db, ws.actors.admin, { importId: preview.importId });

    // Each run stops after its first batch (no time left): the next resumes after it.
    const ref = { workspaceId: ws.workspace.id, importId: preview.importId };
    expect(await runImportSlice(db, ref, { batchSize: 1000, maxMs: 0 })).toEqual({ done: false });
    expect(await importOf(preview.importId)).toMatchObject({ status: "running", processedRows: 1000, cursorRow: 1001 });
    expect(await runImportSlice(db, ref, { batchSize: 1000, maxMs: 0 })).toEqual({ done: false });
    expect(await importOf(preview.importId)).toMatchObject({ processedRows: 2000, cursorRow: 2001 });
    await runToEnd(ws.workspace.id, preview.importId, { batchSize: 1000, maxMs: 0 });
    expect(await importOf(preview.importId)).toMatchObject({ status: "done", processedRows: 2501, createdCount: 2501 });
    const names = (await liveDatasheets(sales.module.id)).map((d) => d.businessName);
    expect(names).toHaveLength(2501);
    expect(new Set(names).size).toBe(2501);
    expect(names).toContain('Idézet "és", sortörés\nKft.');
    expect((await getImportProgress(db, ws.actors.admin, preview.importId)).processed).toBe(2501);
  });

  it("imports a workbook in runs from the workbook itself when its kept rows are gone, each run resuming after the last", async () => {
    const ws = await createWorkspace();
    const sales = await createTestModule(ws.actors.admin, "sales_manual");
    const db = await getDb();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Jegyzet").addRow(["semmi"]);
    const sheet = workbook.addWorksheet("Ügyfelek");
    sheet.addRow(["Cégnév", "E-mail"]);
    for (let i = 0; i < 250; i++) sheet.addRow([`Lap ${i} Kft.`, `lap${i}@x.hu`]);
    const preview = await upload(ws.actors.admin, Buffer.from(await workbook.xlsx.writeBuffer()), "ket-lap.xlsx");
    await previewImport(db, ws.actors.admin, { importId: preview.importId, options: { ...preview.options, sheet: 1 } });
    await checkImport(db, ws.actors.admin, {
      importId: preview.importId,
      settings: settingsFor(sales.module.id, ["business.name", "business.email"], { mode: "create" }),
    });
    fs.rmSync(sheetRowsPath(preview.importId));
    await startImport(db, ws.actors.admin, { importId: preview.importId });
    const ref = { workspaceId: ws.workspace.id, importId: preview.importId };
    expect(await runImportSlice(db, ref, { batchSize: 100, maxMs: 0 })).toEqual({ done: false });
    expect(await importOf(preview.importId)).toMatchObject({ status: "running", processedRows: 100, cursorRow: 101 });
    await runToEnd(ws.workspace.id, preview.importId, { batchSize: 100, maxMs: 0 });
    expect(await importOf(preview.importId)).toMatchObject({ status: "done", processedRows: 250, createdCount: 250 });
    const names = (await liveDatasheets(sales.module.id)).map((d) => d.businessName);
    expect(new Set(names).size).toBe(250);
    expect(names).toContain("Lap 249 Kft.");
  });

  it("refuses a ZIP archive that is no workbook with the reason, keeping nothing of it", async () => {
    const ws = await createWorkspace();
    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document/>");
    const files = () => fs.readdirSync(importFolder(), { recursive: true }).sort();
    const before = files();
    await expect(upload(ws.actors.admin, await zip.generateAsync({ type: "nodebuffer" }), "level.xlsx")).rejects.toMatchObject({ code: "importNotWorkbook" });
    expect(await (await getDb()).select().from(imports).where(eq(imports.workspaceId, ws.workspace.id))).toEqual([]);
    expect(files()).toEqual(before);
  });
});
