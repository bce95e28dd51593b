/**
 * `npm run db:restore -- FILE [--force]`: restores a backup — the daily ones and `npm run
 * db:backup`'s, a data-folder dump (.tar.gz) or a SQL dump (.sql) — into the embedded database's
 * folder (CRM_DATA_DIR, else ./.data). A folder that holds a database already is refused unless
 * --force, which sets that database aside. Never while the app runs on the folder: stop it first.
 */
import { parseArgs } from "node:util";
import { dataDir } from "../db/config";
import { DataFolderInUseError } from "../db/lock";
import { RestoreRefusedError, restoreInto } from "../lib/backups/restore";

const USAGE = "Usage: npm run db:restore -- FILE [--force]";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  try {
    await restoreInto(file, dataDir(), { force: values.force ?? false });
  } catch (error) {
    if (error instanceof DataFolderInUseError) {
      console.error(`${error.message}\nStop the app, then restore.`);
      return 1;
    }
    if (error instanceof RestoreRefusedError || (error as NodeJS.ErrnoException).code === "ENOENT") {
      console.error((error as Error).message);
      return 1;
    }
    throw error;
  }
  console.log(`Restored ${file} into ${dataDir()}. Start the app.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
