import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { lockDataFolder } from "@/db/lock";
import { holdsDatabase } from "./files";

/**
 * Restores a backup (lib/backups/files.ts) into a data folder: into an empty one, or with `force`
 * over a database, which is then set aside as `pglite.before-restore-<time>` rather than deleted.
 * The folder is locked meanwhile, as the app locks it: never while the app runs on it.
 */
export async function restoreInto(backupFile: string, dataDir: string, options: { force: boolean }, now = new Date()): Promise<void> {
  const data = fs.readFileSync(backupFile);
  fs.mkdirSync(dataDir, { recursive: true });
  const release = lockDataFolder(dataDir);
  try {
    const pgliteDir = path.join(dataDir, "pglite");
    if (holdsDatabase(pgliteDir)) {
      if (!options.force) throw new Error(`${dataDir} holds a database already. Restore into an empty folder, or add --force to set it aside.`);
      fs.renameSync(pgliteDir, path.join(dataDir, `pglite.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`));
    }
    const client = await PGlite.create({ dataDir: pgliteDir, loadDataDir: new Blob([data]), extensions: { pg_trgm } });
    // Opens and answers: the folder is whole.
    await client.query("select 1");
    await client.close();
  } finally {
    release();
  }
}
