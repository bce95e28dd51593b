/**
 * `npm run db:backup [-- --out FILE]`: a backup of the embedded database (CRM_DATA_DIR, else
 * ./.data). Without --out it goes into .data/backups beside the daily ones (the newest 7 kept);
 * `--out FILE.tar.gz` writes PGlite's own dump of its folder elsewhere, `--out FILE.sql` a SQL
 * dump that db:restore loads back and psql loads into any PostgreSQL server.
 *
 * The folder belongs to one process. With the app stopped this script opens it itself; while the
 * app runs on it, the script asks the app for the dump (POST /api/backups with the token the app
 * left in the folder: lib/backups/endpoint.ts) and writes the file here.
 * On a PostgreSQL server (DATABASE_URL) the server's own tools apply: see the README.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { dataDir, isEmbedded } from "../db/config";
import { openPglite } from "../db/drivers/pglite";
import { DataFolderInUseError } from "../db/lock";
import { BackupUnavailableError, fetchBackupFromApp } from "../lib/backups/endpoint";
import { backupsDirOf, dumpDataFolder, formatOfFileName, holdsDatabase, storeBackup, writeWhole, type BackupFormat } from "../lib/backups/files";
import { sqlDumpFrom, sqlDumpOf } from "../lib/backups/sql-dump";

const USAGE = `Usage: npm run db:backup [-- --out FILE]

Backs up the embedded database, whether the app is running on it or not.
  (no --out)          into ${path.join("<data folder>", "backups")}, beside the daily backups (the newest 7 are kept)
  --out FILE.tar.gz   PGlite's dump of its data folder (npm run db:restore loads it)
  --out FILE.sql      a SQL dump (npm run db:restore loads it; so does psql into a PostgreSQL server)`;

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function readOptions(): { out: string | null; format: BackupFormat } {
  let values: { out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { out: { type: "string" }, help: { type: "boolean", short: "h" } } }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.help) throw new CliError(USAGE, 0);
  if (!values.out) return { out: null, format: "datadir" };
  const format = formatOfFileName(values.out);
  if (!format) throw new CliError(`${values.out}: the file's name must end in .sql or .tar.gz, which says its format.\n\n${USAGE}`, 2);
  return { out: path.resolve(values.out), format };
}

/** The dump in the asked format, and who made it: this process, or the app running on the folder. */
async function takeDump(dir: string, format: BackupFormat): Promise<{ dump: Uint8Array | string; by: string }> {
  let connection: Awaited<ReturnType<typeof openPglite>>;
  try {
    connection = await openPglite({ dataDir: dir });
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    const fromApp = await fetchBackupFromApp(dir, error.pid);
    return { dump: format === "sql" ? await sqlDumpOf(fromApp) : fromApp, by: `the running app (pid ${error.pid})` };
  }
  try {
    return {
      dump: format === "sql" ? await sqlDumpFrom(connection.client) : await dumpDataFolder(connection.client),
      by: "this command (the app is not running)",
    };
  } finally {
    await connection.close();
  }
}

async function main(): Promise<number> {
  const { out, format } = readOptions();
  if (!isEmbedded()) {
    throw new CliError("DATABASE_URL points at a PostgreSQL server: back it up with pg_dump, or your provider's backups (README: Backups).");
  }
  const dir = dataDir();
  if (!holdsDatabase(path.join(dir, "pglite"))) throw new CliError(`There is no database in ${dir} to back up (CRM_DATA_DIR chooses the folder).`);
  const { dump, by } = await takeDump(dir, format);
  const backup = out ? writeWhole(out, dump) : storeBackup(backupsDirOf(dir), typeof dump === "string" ? Buffer.from(dump) : dump);
  console.log(`Backup written: ${backup.file} (${backup.size} bytes), taken by ${by}.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliError || error instanceof BackupUnavailableError) {
      (error instanceof CliError && error.exitCode === 0 ? console.log : console.error)(error.message);
      process.exit(error instanceof CliError ? error.exitCode : 1);
    }
    console.error(error);
    process.exit(1);
  },
);
