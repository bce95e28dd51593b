import { eq } from "drizzle-orm";
import iconv from "iconv-lite";
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { getDb } from "@/db/client";
import { businesses, contacts, statusChanges } from "@/db/schema";
import { updateBusiness } from "@/lib/businesses/mutations";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { importRunsAutomations } from "@/lib/import/automations";
import { checkImport, previewImport, startImport } from "@/lib/import/prepare";
import { listImports } from "@/lib/import/queries";
import { runImportSlice } from "@/lib/import/run";
import { undoImport } from "@/lib/import/undo";
import { createWorkspace } from "../../factories";
import { companyData, createTestClient, outboxOf } from "../../factories/datasheets";
import { createAutomaticModule, createTestModule } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";
import { expectDomainError, rejectionOf } from "../modules/helpers";
import { importOf, importText, liveDatasheets, rowsOfImport, runToEnd, settingsFor, upload, withImportFolder } from "./helpers";

withImportFolder();

const mapping = ["business.name", "business.email", "business.phone", "field.deal_value", "field.expected_close_date"];
const header = "Cégnév;E-mail;Telefon;Üzlet értéke;Várható lezárás\n";

/** Row i of a generated file: every 20th one is bad (alternately a bad email and a date that is no day). */
function generatedRow(i: number): { line: string; isBad: boolean } {
  const isBad = i % 20 === 7;
  const email = isBad && i % 40 === 7 ? `nobody-at-${i}` : `client${i}@example.hu`;
  const date = isBad && i % 40 === 27 ? "2026.02.30." : "2026.11.29.";
  return { line: `Ügyfél ${i} Kft.;${email};+36 1 555 ${String(i).padStart(4, "0")};1 234,56;${date}\n`, isBad };
}

describeEachBackend("Import", () => {
  it("skips, updates or creates anyway a client that already exists, and a row repeated in the file", async () => {
    const ws = await createWorkspace();
    const sales = await createTestModule(ws.actors.admin, "sales_manual");
    await createTestClient(ws.actors.admin, sales.module.id, { name: "Acme Kft.", email: "info@acme.hu", phone: "+36 1 111 1111" });
    const text = "Company,Email,Phone\nAcme Kft.,INFO@acme.hu,+36 1 222 2222\nBeta Bt.,hello@beta.hu,\nBeta Bt.,hello@beta.hu,+36 30 333 3333\n";
    const map = ["business.name", "business.email", "business.phone"];

    const skip = await importText(ws.actors.admin, text, settingsFor(sales.module.id, map, { mode: "skip" }));
    expect(skip.report).toMatchObject({ total: 3, created: 1, skipped: 2, updated: 0, failed: 0 });
    expect(await importOf(skip.importId)).toMatchObject({ createdCount: 1, skippedCount: 2, updatedCount: 0 });
    expect(await liveDatasheets(sales.module.id)).toHaveLength(2);

    const update = await importText(ws.actors.admin, text, settingsFor(sales.module.id, map, { mode: "update" }));
    expect(update.report).toMatchObject({ created: 0, updated: 3, skipped: 0 });
    const db = await getDb();
    const phones = await db.select({ name: businesses.name, phone: businesses.phone }).from(businesses).where(eq(businesses.workspaceId, ws.workspace.id));
    expect(phones).toEqual(
      expect.arrayContaining([
        { name: "Acme Kft.", phone: "+36 1 222 2222" },
        { name: "Beta Bt.", phone: "+36 30 333 3333" },
      ]),
    );
    expect(await liveDatasheets(sales.module.id)).toHaveLength(2);

    const create = await importText(ws.actors.admin, text, settingsFor(sales.module.id, map, { mode: "create" }));
    expect(create.report).toMatchObject({ created: 3, updated: 0, skipped: 0 });
    expect(await liveDatasheets(sales.module.id)).toHaveLength(5);

    const byName = await importText(
      ws.actors.admin,
      "Company\nacme  KFT.\nGamma Zrt.\n",
      settingsFor(sales.module.id, ["business.name"], { match: "name", mode: "skip" }),
    );
    expect(byName.report).toMatchObject({ created: 1, skipped: 1 });
  });

  it("undoes an import: created datasheets go, updated ones get their values back unless changed since, which are listed", async () => {
    const ws = await createWorkspace();
    const sales = await createTestModule(ws.actors.admin, "sales_manual");
    const kept = await createTestClient(ws.actors.admin, sales.module.id, { name: "Kept Kft.", email: "kept@x.hu", phone: "+36 1 111 1111" });
    const touched = await createTestClient(ws.actors.admin, sales.module.id, { name: "Touched Kft.", email: "touched@x.hu", phone: "+36 1 444 4444" });
    const text = "Company,Email,Phone,Contact\nKept Kft.,kept@x.hu,+36 1 999 9999,Kiss Anna\nTouched Kft.,touched@x.hu,+36 1 888 8888,\nNew Kft.,new@x.hu,,\n";
    const { importId } = await importText(
      ws.actors.manager,
      text,
      settingsFor(sales.module.id, ["business.name", "business.email", "business.phone", "contact.name"], { mode: "update" }),
    );
    const db = await getDb();
    expect(await liveDatasheets(sales.module.id)).toHaveLength(3);
    const [kiss] = await db.select().from(contacts).where(eq(contacts.businessId, kept.businessId));
    expect(kiss).toMatchObject({ name: "Kiss Anna" });

    // Someone changes one of the updated clients after the import.
    const [touchedBusiness] = await db.select().from(businesses).where(eq(businesses.id, touched.businessId));
    await updateBusiness(
      db,
      ws.actors.normal,
      touched.datasheetId,
      touchedBusiness!.version,
      companyData({ name: "Touched Kft.", email: "touched@x.hu", phone: "+36 1 777 7777" }),
    );

    expect(await rejectionOf(undoImport(db, ws.actors.normal, importId))).toBeInstanceOf(ForbiddenError);
    const report = await undoImport(db, ws.actors.manager, importId);
    expect(report).toEqual({ removed: 1, restored: 1, changedSince: [{ rowNumber: 3, datasheetId: touched.datasheetId, name: "Touched Kft." }] });
    const left = await liveDatasheets(sales.module.id);
    expect(left.map((d) => d.businessName).sort()).toEqual(["Kept Kft.", "Touched Kft."]);
    const [keptAfter] = await db.select().from(businesses).where(eq(businesses.id, kept.businessId));
    expect(keptAfter!.phone).toBe("+36 1 111 1111");
    expect(await db.select().from(contacts).where(eq(contacts.businessId, kept.businessId))).toEqual([]);
    const [touchedAfter] = await db.select().from(businesses).where(eq(businesses.id, touched.businessId));
    expect(touchedAfter!.phone).toBe("+36 1 777 7777");
    expect(await importOf(importId)).toMatchObject({ status: "undone", undoneByUserId: ws.users.manager.id });
    await expectDomainError(undoImport(db, ws.actors.manager, importId), "importUndone");
    expect((await listImports(db, ws.actors.manager)).map((i) => [i.id, i.status])).toEqual([[importId, "undone"]]);
  });

  it("refuses normal and restricted users at every step, and another workspace's admin finds nothing", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const sales = await createTestModule(ws.actors.admin, "sales_manual");
    const db = await getDb();
    for (const role of ["normal", "restricted"] as const) {
      expect(await rejectionOf(upload(ws.actors[role], "Company\nA\n"))).toBeInstanceOf(ForbiddenError);
    }
    const preview = await upload(ws.actors.admin, "Company\nA\n");
    const settings = settingsFor(sales.module.id, ["business.name"]);
    for (const role of ["normal", "restricted"] as const) {
      const actor = ws.actors[role];
      expect(await rejectionOf(previewImport(db, actor, { importId: preview.importId }))).toBeInstanceOf(ForbiddenError);
      expect(await rejectionOf(checkImport(db, actor, { importId: preview.importId, settings }))).toBeInstanceOf(ForbiddenError);
      expect(await rejectionOf(startImport(db, actor, { importId: preview.importId }))).toBeInstanceOf(ForbiddenError);
      expect(await rejectionOf(listImports(db, actor))).toBeInstanceOf(ForbiddenError);
    }
    expect(await rejectionOf(previewImport(db, other.actors.admin, { importId: preview.importId }))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(checkImport(db, other.actors.admin, { importId: preview.importId, settings }))).toBeInstanceOf(NotFoundError);
    expect(await liveDatasheets(sales.module.id)).toHaveLength(0);
  });

  it("resumes after a crash mid-import without writing any row twice", async () => {
    const ws = await createWorkspace();
    const sales = await createTestModule(ws.actors.admin, "sales_manual");
    const db = await getDb();
    const text = "Company,Email\n" + Array.from({ length: 2000 }, (_, i) => `Crash ${i},crash${i}@x.hu\n`).join("");
    const preview = await upload(ws.actors.admin, text);
    await checkImport(db, ws.actors.admin, {
      importId: preview.importId,
      settings: settingsFor(sales.module.id, ["business.name", "business.email"], { mode: "create" }),
    });
    await startImport(db, ws.actors.admin, { importId: preview.importId });
    const crash = runImportSlice(
      db,
      { workspaceId: ws.workspace.id, importId: preview.importId },
      {
        batchSize: 300,
        beforeCommit: (batch) => {
          if (batch === 3) throw new Error("The process died.");
        },
      },
    );
    await expect(crash).rejects.toThrow("The process died.");
    expect(await importOf(preview.importId)).toMatchObject({ status: "running", cursorRow: 901, createdCount: 900, error: "The process died." });
    expect(await liveDatasheets(sales.module.id)).toHaveLength(900);

    await runToEnd(ws.workspace.id, preview.importId, { batchSize: 300 });
    const sheets = await liveDatasheets(sales.module.id);
    expect(sheets).toHaveLength(2000);
    expect(new Set(sheets.map((s) => s.businessName)).size).toBe(2000);
    expect(await importOf(preview.importId)).toMatchObject({ status: "done", createdCount: 2000, processedRows: 2000, error: null });
  });

  it("imports into the automatic sales module by the chosen Entry, and reads an XLSX file's chosen sheet", async () => {
    const ws = await createWorkspace();
    const auto = await createAutomaticModule(ws.actors.admin);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Notes").addRow(["nothing here"]);
    const sheet = workbook.addWorksheet("Lista");
    sheet.addRow(["Cégnév", "E-mail"]);
    sheet.addRow(["Lista Kft.", "lista@x.hu"]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const db = await getDb();
    const preview = await upload(ws.actors.admin, buffer, "lista.xlsx");
    expect(preview).toMatchObject({ format: "xlsx", sheets: ["Notes", "Lista"], headers: ["nothing here"] });
    const chosen = await previewImport(db, ws.actors.admin, { importId: preview.importId, options: { ...preview.options, sheet: 1 }, moduleId: auto.moduleId });
    expect(chosen).toMatchObject({ headers: ["Cégnév", "E-mail"], rows: [["Lista Kft.", "lista@x.hu"]], suggestions: ["business.name", "business.email"] });
    await checkImport(db, ws.actors.admin, { importId: preview.importId, settings: settingsFor(auto.moduleId, chosen.suggestions, { entry: "list" }) });
    await startImport(db, ws.actors.admin, { importId: preview.importId, runAutomations: true });
    await runToEnd(ws.workspace.id, preview.importId);
    const [made] = await liveDatasheets(auto.moduleId);
    expect(made).toMatchObject({ businessName: "Lista Kft.", statusId: auto.statuses.cold_list, entry: "list" });
    // The user asked for automations on this import; by default an import fires none.
    expect(await importRunsAutomations(db, ws.workspace.id, made!.id)).toBe(true);
    const quiet = await importText(ws.actors.admin, "Cégnév\nCsendes Kft.\n", settingsFor(auto.moduleId, ["business.name"]));
    const [quietRow] = (await rowsOfImport(quiet.importId)).filter((r) => r.outcome === "created");
    expect(await importRunsAutomations(db, ws.workspace.id, quietRow!.datasheetId!)).toBe(false);
  });

  it("imports exactly the good rows of a 10,000-row file, and reports each bad one with its row number, column and reason", async () => {
    const ws = await createWorkspace();
    const sales = await createTestModule(ws.actors.admin, "sales_manual");
    const rows = Array.from({ length: 10_000 }, (_, i) => generatedRow(i));
    const text = header + rows.map((r) => r.line).join("");
    const db = await getDb();

    const preview = await upload(ws.actors.manager, iconv.encode(text, "windows-1250"));
    expect(preview.options).toMatchObject({ format: "csv", delimiter: ";", hasHeader: true });
    expect(preview.headers[0]).toBe("Cégnév");
    expect(preview.rows[0]![0]).toBe("Ügyfél 0 Kft.");

    // Create mode: nothing to match, so the test spends its time on reading, checking and writing.
    const settings = settingsFor(sales.module.id, mapping, { mode: "create" });
    const report = await checkImport(db, ws.actors.manager, { importId: preview.importId, settings });
    const badRowNumbers = rows.flatMap((r, i) => (r.isBad ? [i + 2] : [])); // the header is row 1
    expect(report).toMatchObject({ total: 10_000, created: 9_500, updated: 0, skipped: 0, failed: 500 });
    expect(report.problems.map((p) => p.rowNumber)).toEqual(badRowNumbers);
    expect(report.problems[0]).toEqual({ rowNumber: 9, column: 1, header: "E-mail", reason: "emailInvalid" });
    expect(report.problems[1]).toEqual({ rowNumber: 29, column: 4, header: "Várható lezárás", reason: "dateInvalid" });

    await startImport(db, ws.actors.manager, { importId: preview.importId });
    expect(await outboxOf(ws.workspace.id, "import/requested")).toHaveLength(1);
    await runToEnd(ws.workspace.id, preview.importId, { batchSize: 1000 });

    expect(await importOf(preview.importId)).toMatchObject({ status: "done", totalRows: 10_000, processedRows: 10_000, createdCount: 9_500, failedCount: 500 });
    const sheets = await liveDatasheets(sales.module.id);
    expect(sheets).toHaveLength(9_500);
    expect(new Set(sheets.map((s) => s.businessName))).toEqual(new Set(rows.flatMap((r, i) => (r.isBad ? [] : [`Ügyfél ${i} Kft.`]))));
    const outcomes = await rowsOfImport(preview.importId);
    expect(outcomes.filter((o) => o.outcome === "failed").map((o) => o.rowNumber)).toEqual(badRowNumbers);
    expect(outcomes.find((o) => o.rowNumber === 9)).toMatchObject({
      problems: [{ column: 1, reason: "emailInvalid" }],
      cells: expect.arrayContaining(["nobody-at-7"]),
    });
    // The system wrote them, for the import; the first status change says so.
    const [change] = await db.select().from(statusChanges).where(eq(statusChanges.datasheetId, sheets[0]!.id));
    expect(change).toMatchObject({ actorUserId: null, actorSystem: "import", reason: "created" });
  }, 600_000);
});
