import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { formatOfContents } from "./files";

/**
 * How `npm run db:backup` reaches the app that runs on the data folder. One process owns a PGlite
 * folder, so while the app runs the script does not open it: it asks the app for a dump.
 *
 * The app, when it starts on the embedded database, writes `backup-endpoint.json` into the data
 * folder, readable by its owner only (0600): its pid, the address of `POST /api/backups` and a
 * random token made anew at each start. The route answers only a request that carries that token.
 * Whoever can read the file can read the database's own files beside it, so the token gives nobody
 * more than they have; an API key or an admin's session would let one workspace's admin download
 * every workspace's data. No "server-only": the script reads the file, the app writes it.
 */

export const ENDPOINT_FILE = "backup-endpoint.json";

const endpointSchema = z.object({ pid: z.number().int(), url: z.url(), token: z.string().min(32) });
export type BackupEndpoint = z.infer<typeof endpointSchema>;

export function endpointFileOf(dataDir: string): string {
  return path.join(dataDir, ENDPOINT_FILE);
}

/** Written whole (renamed into place), for the owner only. */
export function writeEndpointFile(dataDir: string, endpoint: BackupEndpoint): void {
  const file = endpointFileOf(dataDir);
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, JSON.stringify(endpoint), { mode: 0o600 });
  // The mode given to writeFileSync is masked by the umask; chmod is not.
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, file);
}

/** Removes the file if it is still this process's (a newer start may have replaced it). */
export function removeEndpointFile(dataDir: string, pid = process.pid): void {
  try {
    if (readEndpointFile(dataDir)?.pid === pid) fs.rmSync(endpointFileOf(dataDir), { force: true });
  } catch {
    // unreadable or gone: nothing of ours to remove
  }
}

/** The endpoint the app left in the folder; null when there is none (or it is not one). */
export function readEndpointFile(dataDir: string): BackupEndpoint | null {
  let text: string;
  try {
    text = fs.readFileSync(endpointFileOf(dataDir), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const parsed = endpointSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Why the running app could not make the backup: a message for the person at the terminal. */
export class BackupUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupUnavailableError";
  }
}

const ALTERNATIVES = "Back up in the app instead (Settings → Workspace → Back up now), or stop the app and run this again.";

/**
 * Asks the app running on the folder (process `holderPid`, which holds its lock) for a dump of its
 * data folder, and answers its bytes (.tar.gz).
 */
export async function fetchBackupFromApp(dataDir: string, holderPid: number, timeoutMs = 10 * 60_000): Promise<Buffer> {
  const file = endpointFileOf(dataDir);
  let endpoint: BackupEndpoint | null;
  try {
    endpoint = readEndpointFile(dataDir);
  } catch (error) {
    throw new BackupUnavailableError(
      `The app (pid ${holderPid}) runs on ${dataDir}, but ${file} cannot be read (${(error as Error).message}): run this as the user the app runs as. ${ALTERNATIVES}`,
    );
  }
  if (!endpoint || endpoint.pid !== holderPid) {
    throw new BackupUnavailableError(
      `The app (pid ${holderPid}) runs on ${dataDir}, but it left no backup address for this command in ${file} (a version of the app from before the command could ask it?). ${ALTERNATIVES}`,
    );
  }
  let response: Response;
  try {
    response = await fetch(endpoint.url, {
      method: "POST",
      headers: { authorization: `Bearer ${endpoint.token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new BackupUnavailableError(`The app (pid ${holderPid}) runs on ${dataDir}, but did not answer at ${endpoint.url} (${reason}). ${ALTERNATIVES}`);
  }
  if (response.status === 401) {
    throw new BackupUnavailableError(
      `The app at ${endpoint.url} refused the token of ${file} (was it restarted meanwhile? Then run this again). ${ALTERNATIVES}`,
    );
  }
  if (!response.ok) {
    const detail = (await response.text()).trim().slice(0, 500);
    throw new BackupUnavailableError(
      `The app at ${endpoint.url} could not make the backup (${response.status}${detail ? `: ${detail}` : ""}). ${ALTERNATIVES}`,
    );
  }
  const dump = Buffer.from(await response.arrayBuffer());
  if (formatOfContents(dump) !== "datadir")
    throw new BackupUnavailableError(`The app at ${endpoint.url} answered something that is not a backup. ${ALTERNATIVES}`);
  return dump;
}
