import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import { getConnection } from "@/db/client";
import { dataDir, isEmbedded } from "@/db/config";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { backupsDirOf, listBackups, writeBackup, type BackupFile } from "./files";

/** The running app's own PGlite: the one process that may read the folder. */
async function embeddedClient(): Promise<PGlite> {
  const connection = (await getConnection()) as { client?: PGlite };
  if (!connection.client) throw new DomainError("backupsNotEmbedded");
  return connection.client;
}

/** The daily backup job: on the embedded database only (a server has its own tools: README). */
export async function backUpEmbeddedDatabase(now = new Date()): Promise<BackupFile | null> {
  if (!isEmbedded()) return null;
  return writeBackup(await embeddedClient(), backupsDirOf(dataDir()), now);
}

/** Settings → Workspace → Back up now (admins). */
export async function backUpNow(actor: UserActor, now = new Date()): Promise<BackupFile> {
  assertCan(actor, "settings.manage");
  if (!isEmbedded()) throw new DomainError("backupsNotEmbedded");
  return writeBackup(await embeddedClient(), backupsDirOf(dataDir()), now);
}

export type BackupStatus = { kind: "server" } | { kind: "embedded"; last: BackupFile | null; count: number };

/** What Settings → Workspace shows of the backups. */
export function getBackupStatus(actor: UserActor): BackupStatus {
  assertCan(actor, "settings.manage");
  if (!isEmbedded()) return { kind: "server" };
  const backups = listBackups(backupsDirOf(dataDir()));
  return { kind: "embedded", last: backups[0] ?? null, count: backups.length };
}
