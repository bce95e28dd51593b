/**
 * `npm run db:backup [-- --out FILE]`: a backup of the embedded database (CRM_DATA_DIR, else
 * ./.data) as PGlite's own dump of its folder, by default into .data/backups (the newest 7 kept).
 *
 * The folder belongs to one process: while the app runs on it this stops with a message, and the
 * backup is taken by the app itself (Settings → Workspace → Back up now, or the daily job).
 * On a PostgreSQL server (DATABASE_URL) the server's own tools apply: see the README.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { dataDir, isEmbedded } from "../db/config";
import { openPglite } from "../db/drivers/pglite";
import { DataFolderInUseError } from "../db/lock";
import { backupsDirOf, dumpTo, writeBackup } from "../lib/backups/files";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  if (!isEmbedded()) {
    console.error("DATABASE_URL points at a PostgreSQL server: back it up with pg_dump, or your provider's backups (README: Backups).");
    return 1;
  }
  let connection: Awaited<ReturnType<typeof openPglite>>;
  try {
    connection = await openPglite({ dataDir: dataDir() });
  } catch (error) {
    if (error instanceof DataFolderInUseError) {
      console.error(
        `${error.message}\nThe app is running on it: take the backup there (Settings → Workspace → Back up now); it also writes one every day to ${backupsDirOf(dataDir())}.`,
      );
      return 1;
    }
    throw error;
  }
  try {
    const backup = values.out ? await dumpTo(connection.client, path.resolve(values.out)) : await writeBackup(connection.client, backupsDirOf(dataDir()));
    console.log(`Backup written: ${backup.file} (${backup.size} bytes)`);
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
