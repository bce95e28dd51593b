import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/**
 * Backups of the embedded database: PGlite's own dump of its data folder (a gzipped tar, taken by
 * the process that owns the folder, so it is consistent), kept in `<data folder>/backups`.
 * No "server-only": the command-line scripts use it too.
 */

/** How many daily backups the folder keeps (README: Backups). */
export const BACKUPS_KEPT = 7;

const NAME = /^crm-(\d{8}T\d{6}Z)\.tar\.gz$/;

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

/** Writes the dump to `file` whole or not at all (a temporary file renamed at the end). */
export async function dumpTo(client: PGlite, file: string): Promise<BackupFile> {
  const blob = await client.dumpDataDir("gzip");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(partial, file);
  const { size, mtime } = fs.statSync(file);
  return { file, at: mtime, size };
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

/** A new backup in the folder; then only the newest `keep` stay. */
export async function writeBackup(client: PGlite, dir: string, now = new Date(), keep = BACKUPS_KEPT): Promise<BackupFile> {
  const written = await dumpTo(client, path.join(dir, `crm-${stamp(now)}.tar.gz`));
  for (const old of listBackups(dir).slice(keep)) fs.rmSync(old.file, { force: true });
  return { ...written, at: now };
}

/** Whether a PGlite folder holds a database already. */
export function holdsDatabase(pgliteDir: string): boolean {
  return fs.existsSync(pgliteDir) && fs.readdirSync(pgliteDir).length > 0;
}
