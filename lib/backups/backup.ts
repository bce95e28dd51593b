import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { getConnection } from "@/db/client";
import { dataDir, isEmbedded } from "@/db/config";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { removeEndpointFile, writeEndpointFile } from "./endpoint";
import { backupsDirOf, dumpDataFolder, listBackups, removeLeftoverPartials, writeBackup, type BackupFile } from "./files";

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

type EndpointHolder = { token?: string };
// One token per process, however many times Next.js evaluates this module.
const endpoint = ((globalThis as { __crmBackupEndpoint?: EndpointHolder }).__crmBackupEndpoint ??= {});

/**
 * At server start on the embedded database, once the folder is this process's: removes what a
 * backup cut short by a crash left, and leaves `npm run db:backup` the address of POST
 * /api/backups and a token made for this start (lib/backups/endpoint.ts says why a token in a file).
 */
export function openBackupEndpoint(port = process.env.PORT ?? "3000"): void {
  if (!isEmbedded()) return;
  const dir = dataDir();
  removeLeftoverPartials(backupsDirOf(dir));
  endpoint.token = randomBytes(32).toString("base64url");
  writeEndpointFile(dir, { pid: process.pid, url: `http://127.0.0.1:${port}/api/backups`, token: endpoint.token });
  process.once("exit", () => removeEndpointFile(dir));
}

const digest = (text: string) => createHash("sha256").update(text).digest();

export type LocalBackupResult = { ok: true; dump: Buffer } | { ok: false; status: 401 | 404 };

/** POST /api/backups: a dump of the data folder (.tar.gz) for the bearer of this start's token. */
export async function backUpForLocalCommand(token: string | null): Promise<LocalBackupResult> {
  if (!isEmbedded() || !endpoint.token) return { ok: false, status: 404 };
  if (!token || !timingSafeEqual(digest(token), digest(endpoint.token))) return { ok: false, status: 401 };
  return { ok: true, dump: await dumpDataFolder(await embeddedClient()) };
}
