/**
 * The built app as the page figures of `npm run bench` measure it from outside (scripts/bench-load.ts,
 * scripts/bench-lighthouse.ts): `next start` on the embedded default with a throwaway data folder,
 * or on a throwaway database of a PostgreSQL server; the demo workspace seeded by its first start;
 * a signed-in admin's session cookie; the demo's pages to measure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { sql } from "drizzle-orm";
import pg from "pg";
import { openPg } from "../db/drivers/pg";
import { openPglite } from "../db/drivers/pglite";
import { onThrowawayDatabase } from "./bench-postgres";

const root = path.resolve(import.meta.dirname, "..");

export type Backend = "pglite" | "postgres";

/** The demo's pages a signed-in admin sees, with a text each must show (so a redirect or an error page cannot pass). */
export interface DemoPages {
  home: { path: string; expect: string };
  list: { path: string; expect: string };
  datasheet: { path: string; expect: string };
}

export interface RunningApp {
  base: string;
  backend: Backend;
  cookie: string;
  pages: DemoPages;
}

/** The Customer service module of the demo (a dozen clients) and its first client with contacts. */
const DEMO_CLIENT = "Hotel Aranyhíd Kft.";

interface DemoIds {
  adminId: string;
  adminGivenName: string;
  moduleId: string;
  datasheetId: string;
}

type Query = (text: string, params: unknown[]) => Promise<Record<string, string>[]>;

async function demoIds(query: Query): Promise<DemoIds> {
  const [admin] = await query("select id, given_name, workspace_id from users where email = $1", ["admin@demo.test"]);
  if (!admin) throw new Error("the demo workspace was not seeded (no admin@demo.test)");
  const [module] = await query("select id from modules where workspace_id = $1 and kind = 'customer_service' order by position limit 1", [admin.workspace_id]);
  if (!module) throw new Error("the demo workspace has no Customer service module");
  const [datasheet] = await query("select id from datasheets where module_id = $1 and business_name = $2 and deleted_at is null", [module.id, DEMO_CLIENT]);
  if (!datasheet) throw new Error(`the demo's ${DEMO_CLIENT} has no datasheet`);
  return { adminId: admin.id!, adminGivenName: admin.given_name!, moduleId: module.id!, datasheetId: datasheet.id! };
}

function pagesOf(ids: DemoIds): DemoPages {
  return {
    home: { path: "/", expect: ids.adminGivenName },
    list: { path: `/modules/${ids.moduleId}`, expect: DEMO_CLIENT },
    datasheet: { path: `/datasheets/${ids.datasheetId}`, expect: DEMO_CLIENT },
  };
}

/** `next start` of the build on `port`, in a process group of its own (`env`: CRM_DATA_DIR or DATABASE_URL). */
export function startNext(port: number, env: Record<string, string>): ChildProcess {
  // Node runs Next directly (no npx/npm wrapper), so the server is the process group we stop.
  return spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "--keepAliveTimeout", "65000"], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", AUTH_TRUST_HOST: "true", CRM_DEMO_LOCALE: "en" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
}

/** Waits until the server answers /login with 200. */
export async function waitForLogin(server: ChildProcess, base: string): Promise<void> {
  for (;;) {
    if (server.exitCode !== null) throw new Error("the server exited during start");
    try {
      if ((await fetch(`${base}/login`, { redirect: "manual" })).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Stops the server's process group and waits until it is gone (embedded, it holds the data
 * folder's lock); with `port`, also until nothing answers there any more.
 */
export async function stopNext(server: ChildProcess, port?: number): Promise<void> {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    process.kill(-server.pid!, "SIGTERM");
    const timer = setTimeout(() => process.kill(-server.pid!, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  if (port === undefined) return void (await new Promise((r) => setTimeout(r, 300)));
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/health`);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the server on port ${port} did not stop`);
}

/** The session cookie a sign-in would set, signed with the server's secret: the same JWT, without the form. */
export async function sessionCookie(secret: string, userId: string): Promise<string> {
  const salt = "authjs.session-token";
  return `${salt}=${await encode({ token: { sub: userId, sv: 1 }, secret, salt })}`;
}

/** The secret the embedded default keeps in its data folder. */
export function embeddedSecret(dataDir: string): string {
  return fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim();
}

/**
 * Fetches each page with the cookie until it answers 200 with its text `times` times in a row
 * (the first requests also warm the server); throws otherwise, e.g. on a redirect to /login.
 */
export async function checkPages(app: Pick<RunningApp, "base" | "cookie" | "pages">, times = 5): Promise<Record<keyof DemoPages, number>> {
  const bytes = {} as Record<keyof DemoPages, number>;
  for (const [name, page] of Object.entries(app.pages) as [keyof DemoPages, DemoPages[keyof DemoPages]][]) {
    for (let i = 0; i < times; i++) {
      const response = await fetch(`${app.base}${page.path}`, { headers: { cookie: app.cookie }, redirect: "manual" });
      const html = await response.text();
      if (response.status !== 200) throw new Error(`${page.path} answered ${response.status} ${response.headers.get("location") ?? ""}`);
      if (!html.includes(page.expect)) throw new Error(`${page.path} answered 200 without "${page.expect}": not the signed-in page`);
      bytes[name] = Buffer.byteLength(html);
    }
  }
  return bytes;
}

/** The built app on a fresh embedded data folder, demo seeded, the admin signed in. */
async function startEmbedded(): Promise<{ app: RunningApp; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-bench-pages-"));
  const port = 4300 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  const env = { CRM_DATA_DIR: dataDir };
  try {
    // The first start seeds the demo; PGlite allows one process per folder, so it stops for the look-up.
    const seeding = startNext(port, env);
    try {
      await waitForLogin(seeding, base);
    } finally {
      await stopNext(seeding);
    }
    const connection = await openPglite({ dataDir });
    let ids: DemoIds;
    try {
      ids = await demoIds(async (text, params) => (await connection.client.query<Record<string, string>>(text, params)).rows);
    } finally {
      await connection.close();
    }
    const server = startNext(port, env);
    await waitForLogin(server, base);
    const secret = embeddedSecret(dataDir);
    const stop = async () => {
      await stopNext(server);
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    try {
      return { app: { base, backend: "pglite", cookie: await sessionCookie(secret, ids.adminId), pages: pagesOf(ids) }, stop };
    } catch (error) {
      await stop();
      throw error;
    }
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The server to measure PostgreSQL on, or null: BENCH_DATABASE_URL, else TEST_DATABASE_URL, when it answers. */
export async function postgresServerUrl(): Promise<string | null> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) return null;
  const probe = openPg(url);
  try {
    await probe.db.execute(sql`select 1`);
    return url;
  } catch (error) {
    console.error(`bench: ${url.replace(/\/\/[^@/]*@/, "//…@")} does not answer (${error instanceof Error ? error.message : error})`);
    return null;
  } finally {
    await probe.close();
  }
}

/** The built app on a throwaway database of the server (migrated, dropped afterwards), demo seeded, the admin signed in. */
async function onPostgres(serverUrl: string, fn: (app: RunningApp) => Promise<void>): Promise<void> {
  await onThrowawayDatabase(serverUrl, "crm_bench_pages", async (connection, url) => {
    await connection.migrate();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-bench-pages-pg-"));
    const port = 4300 + Math.floor(Math.random() * 500);
    const base = `http://127.0.0.1:${port}`;
    const secret = randomBytes(33).toString("base64");
    // A server seeds the demo only when asked (CRM_DEMO=1); its data folder holds only run-time files.
    const server = startNext(port, { DATABASE_URL: url, AUTH_SECRET: secret, CRM_DEMO: "1", CRM_DATA_DIR: dataDir });
    try {
      await waitForLogin(server, base);
      const reader = new pg.Client({ connectionString: url });
      await reader.connect();
      let ids: DemoIds;
      try {
        ids = await demoIds(async (text, params) => (await reader.query<Record<string, string>>(text, params)).rows);
      } finally {
        await reader.end();
      }
      await fn({ base, backend: "postgres", cookie: await sessionCookie(secret, ids.adminId), pages: pagesOf(ids) });
    } finally {
      // Stopped before the database is dropped: its connections go with it.
      await stopNext(server);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

/** Runs `fn` against the built app on the embedded default, or on a throwaway database of the PostgreSQL server `serverUrl`. */
export async function withApp(backend: Backend, fn: (app: RunningApp) => Promise<void>, serverUrl?: string): Promise<void> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("the page figures need a build: run next build first");
  if (backend === "postgres") return onPostgres(serverUrl!, fn);
  const { app, stop } = await startEmbedded();
  try {
    await fn(app);
  } finally {
    await stop();
  }
}
