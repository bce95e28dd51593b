import { PGlite } from "@electric-sql/pglite";
import { pgDump } from "@electric-sql/pglite-tools/pg_dump";
import { pgliteExtensions } from "@/db/drivers/pglite";

/**
 * The SQL format of a backup: pg_dump (PostgreSQL's own, compiled to WASM by
 * @electric-sql/pglite-tools) run on the embedded database, made loadable on any PostgreSQL 13 or
 * newer by the owner of an empty database: no owners or grants (the roles of PGlite are not the
 * server's), multi-row INSERTs, and settings older servers do not know guarded. The migrations
 * table (`drizzle.__drizzle_migrations`) comes along, so `npm run db:migrate` on the server sees
 * them applied. Used by the command-line scripts and tests only: the app itself never runs pg_dump
 * (it would share the app's one PGlite connection, its session settings and transaction).
 */

/** pg_dump's arguments (pglite-tools adds `--inserts -U postgres -f …`). */
const DUMP_ARGS = ["--no-owner", "--no-privileges", "--rows-per-insert=500"];

/** Settings a newer pg_dump writes that an older server refuses, with the version that knows them. */
const NEWER_SETTINGS: Record<string, number> = { transaction_timeout: 170000 };

export function sqlHeader(): string {
  return [
    "-- CRM backup: a SQL dump of the embedded database (PGlite).",
    "-- Into the embedded default (the app stopped):  npm run db:restore -- FILE",
    '-- Into an empty PostgreSQL database:            psql -v ON_ERROR_STOP=1 --single-transaction -d "$DATABASE_URL" -f FILE',
    "",
  ].join("\n");
}

/**
 * PGlite keeps an attribute option of its own on every column (`pg_attver`, a number that differs
 * from copy to copy); pg_dump writes it out, and a server would store it as an unknown option.
 */
const PGLITE_COLUMN_OPTION = /^ALTER TABLE ONLY \S+ ALTER COLUMN \S+ SET \(pg_attver=\d+\);\n/gm;

/** pg_dump's text made to load on any server: PGlite's own options left out, newer settings guarded. Pure (unit-tested). */
export function portableSql(dump: string): string {
  const guarded = dump.replace(PGLITE_COLUMN_OPTION, "").replace(/^SET ([a-z_]+) = (.*);$/gm, (line, name: string, value: string) => {
    const since = NEWER_SETTINGS[name];
    if (since === undefined) return line;
    const text = value.replace(/^'(.*)'$/, "$1").replace(/'/g, "''");
    return `SELECT pg_catalog.set_config('${name}', '${text}', false) WHERE pg_catalog.current_setting('server_version_num')::integer >= ${since};`;
  });
  return `${sqlHeader()}${guarded}`;
}

/** A SQL dump of an open PGlite that nothing else uses meanwhile (a script's own, or a private copy). */
export async function sqlDumpFrom(client: PGlite): Promise<string> {
  const file = await pgDump({ pg: client, args: DUMP_ARGS });
  return portableSql(await file.text());
}

/** A SQL dump of a data-folder dump (.tar.gz), made on a private in-memory copy of it. */
export async function sqlDumpOf(dataFolderDump: Buffer): Promise<string> {
  const copy = await PGlite.create({ loadDataDir: new Blob([new Uint8Array(dataFolderDump)]), extensions: pgliteExtensions });
  try {
    return await sqlDumpFrom(copy);
  } finally {
    await copy.close();
  }
}

/** Loads a SQL dump into an empty PGlite: one implicit transaction, so all of it or nothing. */
export async function loadSqlDump(client: PGlite, sql: string): Promise<void> {
  await client.exec(sql);
  // The dump empties search_path for its own statements; the session goes on with the default.
  await client.exec("RESET search_path");
}
