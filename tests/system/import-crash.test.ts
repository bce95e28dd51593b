import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useConnection as pointServicesAt } from "@/db/client";
import { openPglite } from "@/db/drivers/pglite";
import { users } from "@/db/schema";
import { checkImport, createImport, startImport } from "@/lib/import/prepare";
import type { ImportSettings } from "@/lib/import/schemas";
import { systemScratch } from "./support/scratch";
import { apiOf, copyFolder, type ApiAnswer, type RunningApp } from "./support/app";

/*
 * Issue 18, crash safety: the app killed with SIGKILL in the middle of an import (batches of 500
 * rows, each one transaction), then started again: the import goes on by itself from the last
 * committed batch and ends with every row once.
 */

const scratch = systemScratch("crm-import-crash");

const ROWS = 1500;

/** An import of ROWS new clients, checked and started in the folder as the wizard does, for the app to run at its start. */
async function queueImport(dir: string): Promise<string> {
  const previous = { dataDir: process.env.CRM_DATA_DIR, importDir: process.env.CRM_IMPORT_DIR };
  process.env.CRM_DATA_DIR = dir;
  delete process.env.CRM_IMPORT_DIR;
  const connection = await openPglite({ dataDir: dir });
  try {
    pointServicesAt(connection);
    const [admin] = await connection.db.select().from(users).where(eq(users.email, "admin@demo.test"));
    const actor = { userId: admin!.id, workspaceId: admin!.workspaceId, role: admin!.role };
    const csv = "Company,Email\n" + Array.from({ length: ROWS }, (_, i) => `Importkill ${i} Kft.,importkill-${i}@example.test\n`).join("");
    const preview = await createImport(connection.db, actor, { source: "file", fileName: "clients.csv", body: new Blob([csv]).stream() });
    const settings: ImportSettings = {
      mapping: ["business.name", "business.email"],
      moduleId: scratch.template.moduleId,
      entry: "inquiry",
      match: "email",
      mode: "skip",
      runAutomations: false,
    };
    const report = await checkImport(connection.db, actor, { importId: preview.importId, settings });
    expect(report).toMatchObject({ total: ROWS });
    await startImport(connection.db, actor, { importId: preview.importId });
    return preview.importId;
  } finally {
    await connection.close();
    process.env.CRM_DATA_DIR = previous.dataDir;
    if (previous.importDir !== undefined) process.env.CRM_IMPORT_DIR = previous.importDir;
    if (previous.dataDir === undefined) delete process.env.CRM_DATA_DIR;
  }
}

/** The imported clients the API lists (all pages). */
async function importedIds(app: RunningApp): Promise<string[]> {
  const api = apiOf(app, scratch.template.key);
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: ApiAnswer<{ data: { id: string }[]; nextCursor: string | null }> = await api.get(
      `/datasheets?moduleId=${scratch.template.moduleId}&q=importkill&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(page.status).toBe(200);
    ids.push(...page.body.data.map((d) => d.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the embedded database killed mid-import [system]", () => {
  it("goes on from the last committed batch when the app starts again, and imports every row once", async () => {
    const dir = copyFolder(scratch.template.dir, path.join(scratch.root, "import"));
    const importId = await queueImport(dir);
    let app = await scratch.start(dir);
    const api = apiOf(app, scratch.template.key);
    // The first batch is committed once one of its clients is listed: kill the app in the middle of the next.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const page = await api.get<{ data: unknown[] }>(`/datasheets?moduleId=${scratch.template.moduleId}&q=importkill&limit=1`);
      if (page.body.data.length) break;
      if (Date.now() > deadline) throw new Error(`The import did not start:\n${app.output()}`);
      await sleep(100);
    }
    await app.kill("SIGKILL");

    app = await scratch.start(dir);
    let ids = await importedIds(app);
    const stillBefore = ids.length;
    while (ids.length < ROWS && Date.now() < deadline + 120_000) {
      await sleep(1000);
      ids = await importedIds(app);
    }
    expect(stillBefore).toBeGreaterThan(0);
    expect(ids.length).toBe(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
    await app.kill("SIGTERM");

    const connection = await openPglite({ dataDir: dir });
    try {
      const [done] = (
        await connection.client.query<{ status: string; rows: number; created: number }>(
          `select i.status::text, (select count(*)::integer from import_rows r where r.import_id = i.id) as rows,
           (select count(*)::integer from import_rows r where r.import_id = i.id and r.outcome = 'created') as created
         from imports i where i.id = $1`,
          [importId],
        )
      ).rows;
      expect(done).toEqual({ status: "done", rows: ROWS, created: ROWS });
      const businesses = await connection.client.query<{ n: number; distinct: number }>(
        `select count(*)::integer as n, count(distinct lower(email))::integer as distinct from businesses where email like 'importkill-%'`,
      );
      expect(businesses.rows[0]).toEqual({ n: ROWS, distinct: ROWS });
    } finally {
      await connection.close();
    }
  });
});
