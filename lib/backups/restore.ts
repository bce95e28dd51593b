import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteExtensions } from "@/db/drivers/pglite";
import { lockDataFolder } from "@/db/lock";
import { formatOfContents, holdsDatabase } from "./files";
import { loadSqlDump } from "./sql-dump";

/** A message for the person restoring (the script prints it without a stack trace). */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreRefusedError";
  }
}

/**
 * Restores a backup — a data-folder dump (.tar.gz) or a SQL dump (.sql), told apart by their
 * contents — into a data folder: into an empty one, or with `force` over a database, which is then
 * set aside as `pglite.before-restore-<time>` rather than deleted. The database is built in
 * `pglite.restoring` and renamed into place only once it opens and answers, so a failed or killed
 * restore leaves the folder as it was. The folder is locked meanwhile, as the app locks it: never
 * while the app runs on it.
 */
export async function restoreInto(backupFile: string, dataDir: string, options: { force: boolean }, now = new Date()): Promise<void> {
  const data = fs.readFileSync(backupFile);
  const format = formatOfContents(data);
  if (!format) throw new RestoreRefusedError(`${backupFile} is not a backup: neither a data-folder dump (.tar.gz) nor a SQL dump (.sql).`);
  fs.mkdirSync(dataDir, { recursive: true });
  const release = lockDataFolder(dataDir);
  try {
    const pgliteDir = path.join(dataDir, "pglite");
    if (holdsDatabase(pgliteDir) && !options.force) {
      throw new RestoreRefusedError(`${dataDir} holds a database already. Restore into an empty folder, or add --force to set it aside.`);
    }
    const staging = path.join(dataDir, "pglite.restoring");
    fs.rmSync(staging, { recursive: true, force: true });
    try {
      const client =
        format === "datadir"
          ? await PGlite.create({ dataDir: staging, loadDataDir: new Blob([data]), extensions: pgliteExtensions })
          : await PGlite.create({ dataDir: staging, extensions: pgliteExtensions });
      try {
        if (format === "sql") await loadSqlDump(client, data.toString("utf8"));
        // Opens and answers, with the app's tables: the database is whole.
        await client.query("select count(*) from drizzle.__drizzle_migrations");
      } finally {
        await client.close();
      }
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    if (holdsDatabase(pgliteDir)) fs.renameSync(pgliteDir, path.join(dataDir, `pglite.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`));
    else fs.rmSync(pgliteDir, { recursive: true, force: true });
    fs.renameSync(staging, pgliteDir);
  } finally {
    release();
  }
}
