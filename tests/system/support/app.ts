import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import { useConnection as pointServicesAt } from "@/db/client";
import { openPglite } from "@/db/drivers/pglite";
import { automations, modules, users } from "@/db/schema";
import { createApiKeyForEmail } from "@/lib/api/keys";
import { activateAutomation } from "@/lib/automations/mutations";
import { seedDemoWorkspace } from "@/lib/demo/workspace";

/*
 * System tests run the built app (`npm run build` first) as real processes — `next start` on a
 * data folder of their own — and the command-line scripts as `npm run` would, then kill, restart
 * and look at the folder.
 */

export const repoRoot = path.resolve(fileURLToPath(new URL("../../..", import.meta.url)));

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) throw new Error("System tests run the built app: `npm run build` first.");
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The environment of an app or a script on the embedded database in `dataDir` (never a server's). */
export function embeddedEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CRM_DATA_DIR: dataDir,
    CRM_DEMO_LOCALE: "en",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.VITEST;
  return extra.DATABASE_URL ? { ...env, DATABASE_URL: extra.DATABASE_URL } : env;
}

export interface RunningApp {
  url: string;
  pid: number;
  output(): string;
  /** Sends the signal to the app's process group and waits for it to end. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** `next start` on the folder; resolves once /api/health answers. */
export async function startApp(dataDir: string, extra: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort();
  // As `npm start` does: an idle keep-alive connection stays open longer than PGlite can hold the
  // event loop with one import batch (seconds), so that a request sent on it is never reset.
  const args = ["start", "-p", String(port), "--keepAliveTimeout", "65000"];
  const child = spawn(process.execPath, [path.join(repoRoot, "node_modules", "next", "dist", "bin", "next"), ...args], {
    cwd: repoRoot,
    // The tests call the API faster than a person would: no per-key limit in the way.
    env: embeddedEnv(dataDir, { AUTH_TRUST_HOST: "true", PORT: String(port), API_RATE_LIMIT_PER_MINUTE: "100000", ...extra }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const url = `http://127.0.0.1:${port}`;
  const app: RunningApp = {
    url,
    pid: child.pid!,
    output: () => output,
    async kill(signal) {
      if (hasExited) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
      await exited;
    },
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`The app stopped while starting:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return app;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await app.kill("SIGKILL");
  throw new Error(`The app did not answer within 2 minutes:\n${output}`);
}

/** `npm run -s <script> -- …args` on the folder: its exit code and what it printed. */
export function runScript(
  script: string,
  args: string[],
  dataDir: string,
  extra: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npm", ["run", "-s", script, "--", ...args], { cwd: repoRoot, env: embeddedEnv(dataDir, extra), timeout: 300_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

export interface Template {
  dir: string;
  key: string;
  adminId: string;
  moduleId: string;
}

/**
 * A data folder as the app's first start leaves it (migrated, the English demo workspace), with an
 * admin's API key and the automatic module's "New inquiry received" automation switched on, so that
 * every new inquiry sends the client and its responsible user one email each.
 */
export async function prepareTemplate(dir: string): Promise<Template> {
  const connection = await openPglite({ dataDir: dir });
  try {
    await connection.migrate();
    pointServicesAt(connection);
    await seedDemoWorkspace(connection.db, "en");
    const { key } = await createApiKeyForEmail(connection.db, "admin@demo.test", "System tests");
    const [admin] = await connection.db.select().from(users).where(eq(users.email, "admin@demo.test"));
    const [salesModule] = await connection.db
      .select()
      .from(modules)
      .where(and(eq(modules.workspaceId, admin!.workspaceId), eq(modules.kind, "sales_auto")));
    // The demo's automatic module comes with the default automations, switched off.
    const [automation] = await connection.db
      .select()
      .from(automations)
      .where(and(eq(automations.moduleId, salesModule!.id), eq(automations.seedKey, "sales_auto.awaiting_processing")));
    await activateAutomation(connection.db, { userId: admin!.id, workspaceId: admin!.workspaceId, role: admin!.role }, automation!.id);
    return { dir, key, adminId: admin!.id, moduleId: salesModule!.id };
  } finally {
    await connection.close();
  }
}

/** A copy of the template's folder (closed cleanly, so a plain copy is a whole database). */
export function copyFolder(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true });
  return to;
}

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** The REST API with the template's key. */
export function apiOf(app: { url: string }, key: string) {
  const call = async <T>(method: string, route: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const response = await fetch(`${app.url}/api/v1${route}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    get: <T = Record<string, unknown>>(route: string) => call<T>("GET", route),
    post: <T = Record<string, unknown>>(route: string, body: unknown) => call<T>("POST", route, body),
    patch: <T = Record<string, unknown>>(route: string, body: unknown) => call<T>("PATCH", route, body),
  };
}
