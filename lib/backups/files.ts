import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/**
 * Backups of the embedded database, in two formats:
 * - `.tar.gz`: PGlite's own dump of its data folder, taken by the process that owns the folder (so
 *   it is consistent) — what the daily job keeps in `<data folder>/backups`;
 * - `.sql`: a plain SQL dump (sql-dump.ts), which db:restore loads into PGlite and psql into any
 *   PostgreSQL server.
 * No "server-only": the command-line scripts use it too.
 */

/** How many daily backups the folder keeps (README: Backups). */
export const BACKUPS_KEPT = 7;

const NAME = /^crm-(\d{8}T\d{6}Z)\.tar\.gz$/;
const PARTIAL = ".partial";

export type BackupFormat = "datadir" | "sql";

export interface BackupFile {
  file: string;
  at: Date;
  size: number;
}

export function backupsDirOf(dataDir: string): string {
  return path.join(dataDir, "backups");
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

/** The format a backup file of this name is written in; null for a name that says neither. */
export function formatOfFileName(file: string): BackupFormat | null {
  if (/\.sql$/i.test(file)) return "sql";
  if (/\.(tar\.gz|tgz)$/i.test(file)) return "datadir";
  return null;
}

/** The format of a backup's contents: a gzipped (or plain) tar is a data folder, text a SQL dump. */
export function formatOfContents(data: Uint8Array): BackupFormat | null {
  if (data[0] === 0x1f && data[1] === 0x8b) return "datadir";
  if (data.length > 262 && Buffer.from(data.subarray(257, 262)).toString("latin1") === "ustar") return "datadir";
  const head = Buffer.from(data.subarray(0, 4096)).toString("utf8");
  return /^(--|SET |CREATE |SELECT )/m.test(head) && !head.includes("\u0000") ? "sql" : null;
}

/** Writes `file` whole or not at all: a temporary file beside it, renamed at the end. */
export function writeWhole(file: string, data: Uint8Array | string): BackupFile {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}${PARTIAL}`;
  fs.writeFileSync(partial, data);
  fs.renameSync(partial, file);
  const { size, mtime } = fs.statSync(file);
  return { file, at: mtime, size };
}

/** PGlite's dump of its data folder, gzipped; the caller must own the folder (the app, or a script with the app stopped). */
export async function dumpDataFolder(client: PGlite): Promise<Buffer> {
  return Buffer.from(await (await client.dumpDataDir("gzip")).arrayBuffer());
}

/** The backups of a folder, newest first. */
export function listBackups(dir: string): BackupFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => NAME.test(name))
    .sort()
    .reverse()
    .map((name) => {
      const file = path.join(dir, name);
      const { size } = fs.statSync(file);
      const [, s] = NAME.exec(name)!;
      const at = new Date(`${s!.slice(0, 4)}-${s!.slice(4, 6)}-${s!.slice(6, 8)}T${s!.slice(9, 11)}:${s!.slice(11, 13)}:${s!.slice(13, 15)}Z`);
      return { file, at, size };
    });
}

/** A data-folder dump stored in the backups folder as the backup of `now`; then only the newest `keep` stay. */
export function storeBackup(dir: string, dump: Uint8Array, now = new Date(), keep = BACKUPS_KEPT): BackupFile {
  const written = writeWhole(path.join(dir, `crm-${stamp(now)}.tar.gz`), dump);
  for (const old of listBackups(dir).slice(keep)) fs.rmSync(old.file, { force: true });
  return { ...written, at: now };
}

/** A new backup of the database in the folder (the daily job, Back up now, db:backup). */
export async function writeBackup(client: PGlite, dir: string, now = new Date(), keep = BACKUPS_KEPT): Promise<BackupFile> {
  return storeBackup(dir, await dumpDataFolder(client), now, keep);
}

/**
 * What a backup cut short by a crash left behind (never a file that looks whole: see writeWhole).
 * Called when the app starts on the folder, while it holds the folder's lock, so nothing else is
 * writing there.
 */
export function removeLeftoverPartials(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const partials = fs.readdirSync(dir).filter((name) => name.endsWith(PARTIAL));
  for (const name of partials) fs.rmSync(path.join(dir, name), { force: true });
  return partials;
}

/** Whether a PGlite folder holds a database already. */
export function holdsDatabase(pgliteDir: string): boolean {
  return fs.existsSync(pgliteDir) && fs.readdirSync(pgliteDir).length > 0;
}
