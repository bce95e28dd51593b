/**
 * Import figures for `npm run bench` (issue 13): a generated CSV of IMPORT_ROWS rows (10 columns)
 * taken end to end through the import service — upload, validation report, the job's batches —
 * against a raw bulk load of the same rows (multi-row INSERTs of businesses, contacts, datasheets,
 * values and status changes, 1,000 a statement) into the same tables on the same database in the
 * same run. `import_csv_100k_pglite`: value (import), baseline (raw), ratio. Run alone:
 * `IMPORT_ROWS=20000 npx tsx --import ./scripts/server-only.mjs scripts/bench-import.ts`.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { useConnection as setConnection, type Db } from "../db/client";
import { openPglite } from "../db/drivers/pglite";
import type { UserActor } from "../lib/auth/permissions";
import { checkImport, createImport, startImport } from "../lib/import/prepare";
import { runImportSlice } from "../lib/import/run";
import { createModuleFromKind } from "../lib/modules/module-mutations";

type Figure = { name: string; value: number; unit: string; baseline?: number; ratio?: number };
type Report = (figure: Figure) => void;

const ROWS = Number(process.env.IMPORT_ROWS ?? 100_000);

async function workspace(db: Db): Promise<UserActor> {
  const ws = (
    (await db.execute(sql`insert into workspaces (name, locale) values ('Import bench Kft.', 'hu') returning id`)) as unknown as { rows: { id: string }[] }
  ).rows[0]!;
  const user = (
    (await db.execute(
      sql`insert into users (workspace_id, email, family_name, given_name, role) values (${ws.id}::uuid, ${`admin-${ws.id}@bench.test`}, 'Kovács', 'Anna', 'admin') returning id`,
    )) as unknown as { rows: { id: string }[] }
  ).rows[0]!;
  return { userId: user.id, workspaceId: ws.id, role: "admin" };
}

function csvOf(rows: number): string {
  const lines = ["Cégnév;E-mail;Telefon;Adószám;Város;Irányítószám;Kapcsolattartó;Beosztás;Üzlet értéke;Várható lezárás"];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `Bench ${i} Kft.;bench${i}@example.hu;+36 1 555 ${String(i % 10000).padStart(4, "0")};${String(10000000 + i)}-2-41;Budapest;1011;Kiss ${i};Beszerző;1 234,56;2026.11.29.`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export async function benchImport(report: Report): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-bench-import-"));
  process.env.CRM_IMPORT_DIR = dir;
  const connection = await openPglite();
  setConnection(connection);
  try {
    await connection.migrate();
    const db = connection.db;
    const admin = await workspace(db);
    const { id: moduleId } = await createModuleFromKind(admin, { kind: "sales_manual", name: "Bench" });
    const text = csvOf(ROWS);
    const mapping = [
      "business.name",
      "business.email",
      "business.phone",
      "business.taxNumber",
      "business.city",
      "business.postalCode",
      "contact.name",
      "contact.position",
      "field.deal_value",
      "field.expected_close_date",
    ];

    const started = performance.now();
    const preview = await createImport(db, admin, { source: "file", fileName: "bench.csv", body: new Blob([text]).stream() });
    await checkImport(db, admin, {
      importId: preview.importId,
      settings: { mapping, moduleId, entry: "inquiry", match: "email", mode: "create", runAutomations: false },
    });
    await startImport(db, admin, { importId: preview.importId });
    while (!(await runImportSlice(db, { workspaceId: admin.workspaceId, importId: preview.importId }, { maxMs: 60_000 })).done);
    const importMs = performance.now() - started;

    // The baseline: the same rows' businesses, contacts, datasheets, values and first status changes, raw.
    const [status] = (
      (await db.execute(
        sql`select s.id from statuses s join status_groups g on g.id = s.group_id where s.module_id = ${moduleId} order by g.position, s.position limit 1`,
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    const fieldRows = ((await db.execute(sql`select id, key from fields where module_id = ${moduleId}`)) as unknown as { rows: { id: string; key: string }[] })
      .rows;
    const fieldId = (key: string) => fieldRows.find((f) => f.key === key)!.id;
    const rawStarted = performance.now();
    for (let from = 0; from < ROWS; from += 1000) {
      const batch = Array.from({ length: Math.min(1000, ROWS - from) }, (_, k) => ({ i: from + k, business: randomUUID(), datasheet: randomUUID() }));
      await db.transaction(async (tx) => {
        const rowsJson = JSON.stringify(batch.map((b) => ({ ...b, name: `Raw ${b.i} Kft.`, email: `raw${b.i}@example.hu` })));
        await tx.execute(sql`insert into businesses (id, workspace_id, name, email, phone, tax_number, city, postal_code, search_text)
          select r.business, ${admin.workspaceId}, r.name, r.email, '+36 1 555 0000', '10000000-2-41', 'Budapest', '1011', lower(r.name || ' ' || r.email)
          from jsonb_to_recordset(${rowsJson}::jsonb) as r(business uuid, name text, email text)`);
        await tx.execute(sql`insert into contacts (workspace_id, business_id, name, position)
          select ${admin.workspaceId}, r.business, 'Kiss ' || r.i, 'Beszerző' from jsonb_to_recordset(${rowsJson}::jsonb) as r(business uuid, i int)`);
        await tx.execute(sql`insert into datasheets (id, workspace_id, module_id, business_id, business_name, status_id, version)
          select r.datasheet, ${admin.workspaceId}, ${moduleId}, r.business, r.name, ${status!.id}, 1 from jsonb_to_recordset(${rowsJson}::jsonb) as r(datasheet uuid, business uuid, name text)`);
        await tx.execute(sql`insert into datasheet_values (workspace_id, datasheet_id, field_id, ordinal, number_value, currency)
          select ${admin.workspaceId}, r.datasheet, ${fieldId("deal_value")}, 0, 1234.56, 'HUF' from jsonb_to_recordset(${rowsJson}::jsonb) as r(datasheet uuid)`);
        await tx.execute(sql`insert into datasheet_values (workspace_id, datasheet_id, field_id, ordinal, date_value)
          select ${admin.workspaceId}, r.datasheet, ${fieldId("expected_close_date")}, 0, '2026-11-29' from jsonb_to_recordset(${rowsJson}::jsonb) as r(datasheet uuid)`);
        await tx.execute(sql`insert into status_changes (workspace_id, datasheet_id, module_id, to_status_id, to_key, reason, actor_system)
          select ${admin.workspaceId}, r.datasheet, ${moduleId}, ${status!.id}, 'new_lead', 'created', 'import' from jsonb_to_recordset(${rowsJson}::jsonb) as r(datasheet uuid)`);
      });
    }
    const rawMs = performance.now() - rawStarted;
    const name = ROWS === 100_000 ? "import_csv_100k_pglite" : `import_csv_${ROWS}_pglite`;
    report({ name, value: importMs, unit: "ms", baseline: rawMs, ratio: importMs / rawMs });
    report({ name: `${name}_rows_per_s`, value: (ROWS / importMs) * 1000, unit: "rows/s" });
  } finally {
    await connection.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchImport((figure) => console.log(JSON.stringify(figure)));
}
