/**
 * Import figures for `npm run bench` (issue 13).
 *
 * - `import_csv_100k_pglite` / `import_csv_100k_postgres`: a generated CSV of IMPORT_ROWS rows
 *   (10 columns) taken end to end through the import service — upload, validation report, the
 *   job's batches through the one write path (createClients → the commit point) — against a raw
 *   bulk load of the same rows into the same tables on the same database in the same run (PGlite
 *   in a data folder, as the app keeps it): multi-row
 *   INSERTs (1,000 rows a statement) of the businesses, contacts, datasheets, values, status
 *   changes, the outbox's events and the import's row records that the import writes. Value
 *   (import), baseline (raw), ratio; the import's rows per second; and `…_event_loop_max_ms`, the
 *   longest the process's event loop was held meanwhile (an app on the embedded database answers
 *   no other request for that long). PostgreSQL is measured when
 *   BENCH_DATABASE_URL or TEST_DATABASE_URL names a server (in a database of its own, dropped after).
 * - `import_csv_1m_rows_per_s` and `import_csv_1m_peak_rss_mb`: IMPORT_1M_ROWS rows (1,000,000;
 *   a file of about 100 MB, streamed to the upload as it is generated) through the same service on
 *   the embedded database in a data folder, as the app runs, in a process of its own: rows per
 *   second end to end, and the process's peak resident memory (value) against its idle memory with
 *   the database open (baseline). IMPORT_1M_ROWS=0 leaves it out.
 *
 * Alone: `IMPORT_ROWS=20000 IMPORT_1M_ROWS=0 npx tsx --import ./scripts/server-only.mjs scripts/bench-import.ts`.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { useConnection as setConnection, type Db } from "../db/client";
import { onThrowawayDatabase } from "./bench-postgres";
import { openPglite } from "../db/drivers/pglite";
import type { Connection } from "../db/drivers/types";
import type { UserActor } from "../lib/auth/permissions";
import { checkImport, createImport, startImport } from "../lib/import/prepare";
import { runImportSlice } from "../lib/import/run";
import { createModuleFromKind } from "../lib/modules/module-mutations";

type Figure = { name: string; value: number; unit: string; baseline?: number; ratio?: number };
type Report = (figure: Figure) => void;

const ROWS = Number(process.env.IMPORT_ROWS ?? 100_000);
const ROWS_1M = Number(process.env.IMPORT_1M_ROWS ?? 1_000_000);
const log = (message: string) => console.error(`[bench-import] ${message}`);

const HEADER = "Cégnév;E-mail;Telefon;Adószám;Város;Irányítószám;Kapcsolattartó;Beosztás;Üzlet értéke;Várható lezárás";
const MAPPING = [
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

/** Row i of the file: 10 columns, about 100 bytes (a million of them make a file just under the 100 MB limit). */
function line(i: number): string {
  return `Cég ${i};c${i}@x.hu;+36 1 555 ${String(i % 10000).padStart(4, "0")};${String(10000000 + i)}-2-41;Pécs;7621;Kis ${i};Vezető;1 234,5;2026.11.29.`;
}

/** The CSV as a stream, generated as it is read: the bench holds no copy of the file. */
function csvStream(rows: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next > rows) return controller.close();
      const lines: string[] = next === 0 ? [HEADER] : [];
      for (const end = Math.min(rows, next + 2000); next < end; next++) lines.push(line(next));
      if (next >= rows) next = rows + 1;
      controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
    },
  });
}

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

/**
 * Upload, validation report and the job's slices (as the job runs them), end to end: milliseconds,
 * and the longest the process's event loop waited meanwhile (on the embedded database the queries
 * run in this thread: as long as a statement runs, no other request of the app is even read).
 */
async function importFile(db: Db, admin: UserActor, moduleId: string, rows: number): Promise<{ ms: number; eventLoopMaxMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  const preview = await createImport(db, admin, { source: "file", fileName: "bench.csv", body: csvStream(rows) });
  const report = await checkImport(db, admin, {
    importId: preview.importId,
    settings: { mapping: MAPPING, moduleId, entry: "inquiry", match: "email", mode: "create", runAutomations: false },
  });
  if (report.created !== rows) throw new Error(`the report plans ${report.created} of ${rows} rows`);
  await startImport(db, admin, { importId: preview.importId });
  while (!(await runImportSlice(db, { workspaceId: admin.workspaceId, importId: preview.importId })).done);
  const ms = performance.now() - started;
  loop.disable();
  const [done] = (
    (await db.execute(sql`select status, created_count from imports where id = ${preview.importId}`)) as unknown as {
      rows: { status: string; created_count: number }[];
    }
  ).rows;
  if (done?.status !== "done" || done.created_count !== rows) throw new Error(`the import ended ${done?.status} with ${done?.created_count} of ${rows} rows`);
  return { ms, eventLoopMaxMs: loop.max / 1e6 };
}

/** The same rows' businesses, contacts, datasheets, values, first status changes, events and row records, raw. */
async function rawLoad(db: Db, admin: UserActor, moduleId: string, rows: number): Promise<number> {
  const [status] = (
    (await db.execute(
      sql`select s.id, s.key from statuses s join status_groups g on g.id = s.group_id where s.module_id = ${moduleId} order by g.position, s.position limit 1`,
    )) as unknown as { rows: { id: string; key: string }[] }
  ).rows;
  const fieldRows = ((await db.execute(sql`select id, key from fields where module_id = ${moduleId}`)) as unknown as { rows: { id: string; key: string }[] })
    .rows;
  const fieldId = (key: string) => fieldRows.find((f) => f.key === key)!.id;
  const [imported] = (
    (await db.execute(
      sql`insert into imports (workspace_id, created_by_user_id, status, source, file_name, file_size, options) values (${admin.workspaceId}, ${admin.userId}, 'done', 'file', 'raw.csv', 0, '{}') returning id`,
    )) as unknown as { rows: { id: string }[] }
  ).rows;
  const started = performance.now();
  for (let from = 0; from < rows; from += 1000) {
    const batch = Array.from({ length: Math.min(1000, rows - from) }, (_, k) => ({ i: from + k, business: randomUUID(), datasheet: randomUUID() }));
    await db.transaction(async (tx) => {
      const rowsJson = JSON.stringify(batch.map((b) => ({ ...b, name: `Raw ${b.i}`, email: `r${b.i}@x.hu`, row: b.i + 2 })));
      await tx.execute(sql`insert into businesses (id, workspace_id, name, email, phone, tax_number, city, postal_code, search_text)
        select r.business, ${admin.workspaceId}, r.name, r.email, '+36 1 555 0000', '10000000-2-41', 'Pécs', '7621', lower(r.name || ' ' || r.email)
        from jsonb_to_recordset(${rowsJson}::jsonb) as r(business uuid, name text, email text)`);
      await tx.execute(sql`insert into contacts (workspace_id, business_id, name, position)
        select ${admin.workspaceId}, r.business, 'Kis ' || r.i, 'Vezető' from jsonb_to_recordset(${rowsJson}::jsonb) as r(business uuid, i int)`);
      await tx.execute(sql`insert into datasheets (id, workspace_id, module_id, business_id, business_name, status_id, version, created_via)
        select r.datasheet, ${admin.workspaceId}, ${moduleId}, r.business, r.name, ${status!.id}, 1, 'import' from jsonb_to_recordset(${rowsJson}::jsonb) as r(datasheet uuid, business uuid, name text)`);
      await tx.execute(sql`insert into datasheet_values (workspace_id, datasheet_id, field_id, ordinal, number_value, currency)
        select ${admin.workspaceId}, r.datasheet, ${fieldId("deal_value")}, 0, 1234.5, 'HUF' from jsonb_to_recordset(${rowsJson}::jsonb) as r(datasheet uuid)`);
      await tx.execute(sql`insert into datasheet_values (workspace_id, datasheet_id, field_id, ordinal, date_value)
        select ${admin.workspaceId}, r.datasheet, ${fieldId("expected_close_date")}, 0, '2026-11-29' from jsonb_to_recordset(${rowsJson}::jsonb) as r(datasheet uuid)`);
      await tx.execute(sql`insert into status_changes (workspace_id, datasheet_id, module_id, to_status_id, to_key, reason, actor_system)
        select ${admin.workspaceId}, r.datasheet, ${moduleId}, ${status!.id}, ${status!.key}, 'created', 'import' from jsonb_to_recordset(${rowsJson}::jsonb) as r(datasheet uuid)`);
      // The two events a new datasheet records (datasheet/created, datasheet/status.changed), with payloads of the same shape.
      await tx.execute(sql`insert into outbox_events (workspace_id, name, data)
        select ${admin.workspaceId}, e.name, jsonb_build_object('workspaceId', ${admin.workspaceId}::text, 'moduleId', ${moduleId}::text,
          'datasheetId', r.datasheet, 'actorUserId', null, 'businessId', r.business, 'statusId', ${status!.id}::text)
        from jsonb_to_recordset(${rowsJson}::jsonb) as r(datasheet uuid, business uuid), (values ('datasheet/created'), ('datasheet/status.changed')) as e(name)`);
      await tx.execute(sql`insert into import_rows (import_id, workspace_id, row_number, outcome, datasheet_id)
        select ${imported!.id}, ${admin.workspaceId}, r.row, 'created', r.datasheet from jsonb_to_recordset(${rowsJson}::jsonb) as r(row int, datasheet uuid)`);
    });
  }
  return performance.now() - started;
}

async function compare(connection: Connection, backend: "pglite" | "postgres", report: Report): Promise<void> {
  setConnection(connection);
  const db = connection.db;
  const admin = await workspace(db);
  const { id: moduleId } = await createModuleFromKind(admin, { kind: "sales_manual", name: "Bench" });
  const { ms: importMs, eventLoopMaxMs } = await importFile(db, admin, moduleId, ROWS);
  const rawMs = await rawLoad(db, admin, moduleId, ROWS);
  const name = ROWS === 100_000 ? `import_csv_100k_${backend}` : `import_csv_${ROWS}_${backend}`;
  report({ name, value: importMs, unit: "ms", baseline: rawMs, ratio: importMs / rawMs });
  report({ name: `${name}_rows_per_s`, value: (ROWS / importMs) * 1000, unit: "rows/s" });
  report({ name: `${name}_event_loop_max_ms`, value: eventLoopMaxMs, unit: "ms" });
}

async function benchPglite(report: Report): Promise<void> {
  // In a data folder, as the app keeps it (in memory, every file PGlite grows is copied whole at each
  // step of its growth, a cost the app never pays).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-bench-import-pglite-"));
  try {
    const connection = await openPglite({ dataDir });
    try {
      await connection.migrate();
      await compare(connection, "pglite", report);
    } finally {
      await connection.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(report: Report): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    log("no BENCH_DATABASE_URL or TEST_DATABASE_URL: import_csv_100k_postgres not measured");
    return;
  }
  await onThrowawayDatabase(serverUrl, "crm_bench_import", async (connection) => {
    await connection.migrate();
    await compare(connection, "postgres", report);
  });
}

/** The million-row run, in this process (started by benchImport as a child of its own, for a clean peak). */
async function runMillion(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-bench-import-1m-"));
  process.env.CRM_IMPORT_DIR = path.join(dataDir, "imports");
  try {
    const connection = await openPglite({ dataDir });
    try {
      await connection.migrate();
      setConnection(connection);
      const admin = await workspace(connection.db);
      const { id: moduleId } = await createModuleFromKind(admin, { kind: "sales_manual", name: "Bench" });
      global.gc?.();
      const idle = process.memoryUsage().rss;
      let peak = idle;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      // Every 30 s on stderr: how far the import is and the memory then (flat once the caches are warm).
      const started = performance.now();
      const progress = setInterval(async () => {
        const result = (await connection.db.execute(sql`select coalesce(sum(processed_rows), 0)::int as n from imports`)) as unknown as {
          rows: { n: number }[];
        };
        const seconds = Math.round((performance.now() - started) / 1000);
        log(
          `${seconds} s: ${result.rows[0]?.n ?? 0} rows written, rss ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB (idle ${Math.round(idle / 1024 / 1024)} MB)`,
        );
      }, 30_000);
      try {
        const { ms } = await importFile(connection.db, admin, moduleId, ROWS_1M);
        peak = Math.max(peak, process.memoryUsage().rss);
        const name = ROWS_1M === 1_000_000 ? "import_csv_1m" : `import_csv_${ROWS_1M}`;
        const mb = (bytes: number) => bytes / 1024 / 1024;
        console.log(JSON.stringify({ name: `${name}_rows_per_s`, value: (ROWS_1M / ms) * 1000, unit: "rows/s" }));
        console.log(JSON.stringify({ name: `${name}_peak_rss_mb`, value: mb(peak), unit: "MB", baseline: mb(idle), ratio: peak / idle }));
      } finally {
        clearInterval(sampler);
        clearInterval(progress);
      }
    } finally {
      await connection.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchMillion(report: Report): Promise<void> {
  if (ROWS_1M <= 0) return log("IMPORT_1M_ROWS=0: the million-row figures are not measured");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/server-only.mjs", "--expose-gc", path.join(import.meta.dirname, "bench-import.ts"), "--million"],
    {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`the million-row import exited with ${code}`);
  for (const text of output.split("\n").filter((l) => l.startsWith("{"))) report(JSON.parse(text) as Figure);
}

export async function benchImport(report: Report): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-bench-import-"));
  process.env.CRM_IMPORT_DIR = dir;
  try {
    await benchPglite(report);
    await benchPostgres(report);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await benchMillion(report);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes("--million")) await runMillion();
  else await benchImport((figure) => console.log(JSON.stringify(figure)));
}
