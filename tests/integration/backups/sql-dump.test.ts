import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useConnection } from "@/db/client";
import { openPg } from "@/db/drivers/pg";
import { openPglite } from "@/db/drivers/pglite";
import type { Connection } from "@/db/drivers/types";
import { dumpDataFolder, holdsDatabase } from "@/lib/backups/files";
import { restoreInto } from "@/lib/backups/restore";
import { sqlDumpFrom, sqlDumpOf } from "@/lib/backups/sql-dump";
import { seedDemoWorkspace } from "@/lib/demo/workspace";
import { createDatabase, dropDatabase } from "../../support/postgres";
import { openPgliteClone } from "../../support/db";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "crm-sql-dump-"));
const serverUrl = process.env.TEST_DATABASE_URL;

type Counts = Record<string, number>;

/** Every table of the app (public, and the migrations' record) with its row count. */
async function countRows(query: (text: string) => Promise<{ rows: Record<string, unknown>[] }>): Promise<Counts> {
  const { rows } = await query(
    `select table_schema || '.' || table_name as name from information_schema.tables
     where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`,
  );
  const counts: Counts = {};
  for (const { name } of rows as { name: string }[]) {
    const [schema, table] = name.split(".");
    const result = await query(`select count(*)::integer as n from "${schema}"."${table}"`);
    counts[name] = Number(result.rows[0]!.n);
  }
  return counts;
}

const pgliteQuery = (client: PGlite) => (text: string) => client.query<Record<string, unknown>>(text);

/** The demo's first datasheet as a user would recognise it. */
const SAMPLE = `select b.name as business, s.key as status, d.version, w.name as workspace, w.time_zone
  from public.datasheets d join public.businesses b on b.id = d.business_id join public.statuses s on s.id = d.status_id
  join public.workspaces w on w.id = d.workspace_id order by d.created_at, d.id limit 3`;

let source: Connection & { client?: PGlite };
let counts: Counts;
let sql: string;
const sqlFile = path.join(root, "crm.sql");

beforeAll(async () => {
  source = await openPgliteClone();
  useConnection(source);
  await seedDemoWorkspace(source.db, "hu");
  const client = (source as { client: PGlite }).client;
  counts = await countRows(pgliteQuery(client));
  // Through the data-folder dump, as db:backup does when the running app hands it one.
  sql = await sqlDumpOf(await dumpDataFolder(client));
  fs.writeFileSync(sqlFile, sql);
});

afterAll(async () => {
  await source?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("the SQL format of a backup", () => {
  it("holds every table of the demo workspace and says how to load it", () => {
    expect(counts["public.datasheets"]).toBeGreaterThan(10);
    expect(counts["drizzle.__drizzle_migrations"]).toBeGreaterThan(0);
    expect(sql.split("\n", 1)[0]).toMatch(/^-- CRM backup/);
    // Loadable by a database's owner on any server: no roles of PGlite's, no setting older servers refuse.
    expect(sql).not.toMatch(/OWNER TO|^GRANT |^SET transaction_timeout/m);
  });

  it("restores into an empty data folder with the same rows, and refuses a folder that holds a database", async () => {
    const target = path.join(root, "restored");
    await restoreInto(sqlFile, target, { force: false });
    const restored = await openPglite({ dataDir: target });
    try {
      expect(await countRows(pgliteQuery(restored.client))).toEqual(counts);
      const sourceClient = (source as { client: PGlite }).client;
      expect((await restored.client.query(SAMPLE)).rows).toEqual((await sourceClient.query(SAMPLE)).rows);
      // The app's start migrates: nothing is left to apply.
      await restored.migrate();
      expect((await countRows(pgliteQuery(restored.client)))["drizzle.__drizzle_migrations"]).toBe(counts["drizzle.__drizzle_migrations"]);
    } finally {
      await restored.close();
    }
    await expect(restoreInto(sqlFile, target, { force: false })).rejects.toThrow(/holds a database/);
  });

  it("is the same dump from the folder's owner as from a copy, and a cut-short dump restores nothing", async () => {
    const again = await openPglite({ dataDir: path.join(root, "restored") });
    try {
      const direct = await sqlDumpFrom(again.client);
      expect(direct.replace(/^-- Dumped.*$/gm, "")).toEqual(sql.replace(/^-- Dumped.*$/gm, ""));
    } finally {
      await again.close();
    }
    const cut = path.join(root, "cut.sql");
    fs.writeFileSync(cut, sql.slice(0, Math.floor(sql.length * 0.6)));
    const target = path.join(root, "from-cut");
    await expect(restoreInto(cut, target, { force: false })).rejects.toThrow();
    expect(holdsDatabase(path.join(target, "pglite"))).toBe(false);
    expect(fs.readdirSync(target).filter((name) => name.startsWith("pglite"))).toEqual([]);
  });
});

const hasPsql = (() => {
  try {
    execFileSync("psql", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

// Needs a PostgreSQL server and psql (TEST_DATABASE_URL, which .ci/run sets when a server answers); on PGlite alone there is nothing to load into.
describe.skipIf(!serverUrl)("the SQL backup on a PostgreSQL server (a user moving from the embedded default)", () => {
  let url: string;
  beforeAll(async () => {
    url = await createDatabase(serverUrl!, "crm_backup");
  });
  afterAll(async () => {
    if (url) await dropDatabase(serverUrl!, url);
  });

  it("loads with psql into a fresh database, with the same rows in every table, and the server's migrations find nothing to do", async () => {
    if (hasPsql) {
      execFileSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-d", url, "-f", sqlFile], { stdio: ["ignore", "ignore", "pipe"] });
    } else {
      // No psql on this machine: the same text through the simple query protocol, as psql sends it.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const query = (text: string) => client.query(text);
      expect(await countRows(query)).toEqual(counts);
      const sourceClient = (source as { client: PGlite }).client;
      expect((await client.query(SAMPLE)).rows).toEqual((await sourceClient.query(SAMPLE)).rows);
    } finally {
      await client.end();
    }
    const server = openPg(url);
    try {
      await server.migrate();
    } finally {
      await server.close();
    }
    const after = new pg.Client({ connectionString: url });
    await after.connect();
    try {
      expect((await after.query(`select count(*)::integer as n from drizzle.__drizzle_migrations`)).rows[0].n).toBe(counts["drizzle.__drizzle_migrations"]);
    } finally {
      await after.end();
    }
  });
});
