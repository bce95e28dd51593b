import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/backups/route";
import { useConnection } from "@/db/client";
import { openPglite } from "@/db/drivers/pglite";
import type { Connection } from "@/db/drivers/types";
import { openBackupEndpoint } from "@/lib/backups/backup";
import { BackupUnavailableError, endpointFileOf, fetchBackupFromApp, readEndpointFile, writeEndpointFile } from "@/lib/backups/endpoint";
import { backupsDirOf, formatOfContents } from "@/lib/backups/files";
import { restoreInto } from "@/lib/backups/restore";

/*
 * `npm run db:backup` while the app runs: the app's route and the script's side of it, over real
 * HTTP (a plain Node server hands the requests to the route handler, as Next.js does).
 */

const root = fs.mkdtempSync(path.join(os.tmpdir(), "crm-backup-endpoint-"));
const dataDir = path.join(root, "data");
const previousDataDir = process.env.CRM_DATA_DIR;
let connection: Connection;
let server: http.Server;
let port: number;

beforeAll(async () => {
  process.env.CRM_DATA_DIR = dataDir;
  connection = await openPglite({ dataDir });
  await connection.migrate();
  await connection.db.execute(sql`insert into workspaces (name, time_zone) values ('Futó Kft.', 'Europe/Budapest')`);
  useConnection(connection);
  server = http.createServer((req, res) => {
    void (async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const response = await POST(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  // A backup cut short by a crash of the app before this start.
  fs.mkdirSync(backupsDirOf(dataDir), { recursive: true });
  fs.writeFileSync(path.join(backupsDirOf(dataDir), "crm-20261201T014500Z.tar.gz.partial"), "half");
  openBackupEndpoint(String(port));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await connection?.close();
  if (previousDataDir === undefined) delete process.env.CRM_DATA_DIR;
  else process.env.CRM_DATA_DIR = previousDataDir;
  fs.rmSync(root, { recursive: true, force: true });
});

describe("a backup through the running app [pglite]", () => {
  it("leaves its address and a fresh token in the data folder, readable by its owner only, and removes what a crashed backup left", () => {
    const endpoint = readEndpointFile(dataDir)!;
    expect(endpoint).toMatchObject({ pid: process.pid, url: `http://127.0.0.1:${port}/api/backups` });
    expect(endpoint.token.length).toBeGreaterThanOrEqual(40);
    expect(fs.statSync(endpointFileOf(dataDir)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(backupsDirOf(dataDir))).toEqual([]);
  });

  it("answers a dump of the folder to the token's bearer, and a new folder restores it with the data", async () => {
    const dump = await fetchBackupFromApp(dataDir, process.pid);
    expect(formatOfContents(dump)).toBe("datadir");
    const file = path.join(root, "from-app.tar.gz");
    fs.writeFileSync(file, dump);
    const target = path.join(root, "restored");
    await restoreInto(file, target, { force: false });
    const restored = await openPglite({ dataDir: target });
    try {
      const rows = await restored.client.query("select name, time_zone from workspaces");
      expect(rows.rows).toEqual([{ name: "Futó Kft.", time_zone: "Europe/Budapest" }]);
    } finally {
      await restored.close();
    }
  });

  it("refuses a request without the token, or with another, and makes no backup", async () => {
    const url = `http://127.0.0.1:${port}/api/backups`;
    const none = await fetch(url, { method: "POST" });
    expect(none.status).toBe(401);
    expect(await none.text()).toMatch(/token/);
    const wrong = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${"x".repeat(43)}` } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("tells the person at the terminal why the app could not be asked, and what to do instead", async () => {
    const real = readEndpointFile(dataDir)!;
    const attempt = (pid = process.pid) =>
      fetchBackupFromApp(dataDir, pid).then(
        () => null,
        (error: unknown) => error,
      );
    try {
      // The folder's holder is another process than the one that left the address (an app from before this command).
      const other = await attempt(process.pid + 1);
      expect(other).toBeInstanceOf(BackupUnavailableError);
      expect((other as Error).message).toMatch(/left no backup address[\s\S]*Back up now[\s\S]*stop the app/);

      // Nobody listens at the address.
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      writeEndpointFile(dataDir, { ...real, url: `http://127.0.0.1:${closedPort}/api/backups` });
      expect(((await attempt()) as Error).message).toMatch(/did not answer at .*ECONNREFUSED/);

      // A token of an earlier start.
      writeEndpointFile(dataDir, { ...real, token: "y".repeat(43) });
      expect(((await attempt()) as Error).message).toMatch(/refused the token/);

      fs.rmSync(endpointFileOf(dataDir));
      expect(((await attempt()) as Error).message).toMatch(/left no backup address/);
    } finally {
      writeEndpointFile(dataDir, real);
    }
  });
});
