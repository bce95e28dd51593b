/**
 * `npm run bench`: figures as JSON, one object per line: { name, value, unit } and, where a
 * baseline is measured in the same run, { baseline, ratio }. The in-process figures come first
 * (they need no build); the rest use the built app (`next build` first when there is none) on a
 * throwaway embedded data folder.
 *
 * `npm run bench -- --only load,lighthouse` runs only the named parts (comma list): runtime, email,
 * pages (cold start and signed-in pages), load, lighthouse, list, statuses, automations,
 * newsletters, import.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { eventType } from "inngest";
import { z } from "zod";
import { openPglite } from "../db/drivers/pglite";
import { jobRuns } from "../db/schema";
import { defineJob } from "../lib/jobs/define";
import { embeddedSecret, sessionCookie, startNext, stopNext } from "./bench-server";
import { EmbeddedRuntime } from "../lib/jobs/embedded-runtime";

const root = path.resolve(import.meta.dirname, "..");
const REQUESTS = 200;

// Extra fields (e.g. a load figure's p50_ms and errors) are printed too, numbers rounded alike.
type Figure = { name: string; value: number; unit: string; baseline?: number; ratio?: number; [extra: string]: number | string | undefined };
function report(figure: Figure): void {
  const round = (n: number) => Math.round(n * 100) / 100;
  console.log(JSON.stringify(Object.fromEntries(Object.entries(figure).map(([key, value]) => [key, typeof value === "number" ? round(value) : value]))));
}

function ensureBuild(): void {
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.error("No build found: running next build…");
  const result = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) throw new Error("next build failed");
}

/** Milliseconds from spawning the server to its first 200 on /login. */
async function coldStart(dataDir: string, port: number): Promise<{ ms: number; server: ChildProcess }> {
  const started = performance.now();
  const server = startNext(port, { CRM_DATA_DIR: dataDir });
  for (;;) {
    if (server.exitCode !== null) throw new Error("the server exited during start");
    try {
      const response = await fetch(`http://127.0.0.1:${port}/login`, { redirect: "manual" });
      if (response.status === 200) return { ms: performance.now() - started, server };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function userIdOf(dataDir: string, email: string): Promise<string> {
  const connection = await openPglite({ dataDir });
  try {
    const result = await connection.client.query<{ id: string }>("select id from users where email = $1", [email]);
    return result.rows[0]!.id;
  } finally {
    await connection.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeRequests(url: string, cookie: string | undefined, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n + 10; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    if (i >= 10) times.push(performance.now() - started); // the first ten warm the caches
  }
  return times.sort((a, b) => a - b);
}

/** The embedded job runtime draining 10,000 outbox events through a no-op function. */
async function embeddedRuntimeDrain(): Promise<void> {
  const EVENTS = 10_000;
  const connection = await openPglite(); // in memory
  try {
    await connection.migrate();
    await connection.db.execute(
      sql`insert into outbox_events (name, data) select 'bench/noop', jsonb_build_object('n', n) from generate_series(1, ${EVENTS}) as n`,
    );
    const noop = eventType("bench/noop", { schema: z.object({ n: z.number() }) });
    const job = defineJob({ id: "bench/noop", trigger: { event: noop } }, async () => null);
    const runtime = new EmbeddedRuntime({ db: connection.db, jobs: [job] });
    const started = performance.now();
    for (;;) {
      const { dispatched, executed } = await runtime.tick();
      if (dispatched === 0 && executed === 0) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const [done] = await connection.db.select({ n: count() }).from(jobRuns).where(eq(jobRuns.status, "completed"));
    if (done?.n !== EVENTS) throw new Error(`the runtime completed ${done?.n} of ${EVENTS} runs`);
    report({ name: "embedded_runtime_drain", value: EVENTS / seconds, unit: "events/s" });
  } finally {
    await connection.close();
  }
}

const parts = ["runtime", "email", "pages", "load", "lighthouse", "list", "statuses", "automations", "newsletters", "import"] as const;
type Part = (typeof parts)[number];

/** `--only a,b` (or `--only=a,b`): the parts to run; all of them without it. */
function selectedParts(argv: string[]): Set<Part> {
  const at = argv.findIndex((arg) => arg === "--only" || arg.startsWith("--only="));
  if (at === -1) return new Set(parts);
  const list = argv[at]!.startsWith("--only=") ? argv[at]!.slice("--only=".length) : (argv[at + 1] ?? "");
  const names = list
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(parts as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--only takes a comma list of: ${parts.join(", ")}${unknown.length ? ` (not: ${unknown.join(", ")})` : ""}`);
  }
  return new Set(names as Part[]);
}

/** Cold start and the signed-in pages' response times, on a fresh embedded data folder. */
async function benchPages(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-bench-"));
  const port = 3200 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  try {
    // Fresh folder: initdb + migrations + demo seed. Baseline: the same server on that folder again.
    const fresh = await coldStart(dataDir, port);
    await stopNext(fresh.server, port);
    const adminId = await userIdOf(dataDir, "admin@demo.test");
    const again = await coldStart(dataDir, port);
    report({ name: "cold_start_to_login_200_fresh_data", value: fresh.ms, unit: "ms", baseline: again.ms, ratio: fresh.ms / again.ms });
    report({ name: "cold_start_to_login_200_existing_data", value: again.ms, unit: "ms" });

    const cookie = await sessionCookie(embeddedSecret(dataDir), adminId);
    const baseline = await timeRequests(`${base}/api/health`, undefined, REQUESTS);
    for (const page of ["/", "/settings/users"]) {
      const times = await timeRequests(`${base}${page}`, cookie, REQUESTS);
      for (const p of [50, 95]) {
        const value = percentile(times, p);
        const base_ = percentile(baseline, p);
        report({ name: `signed_in_page_${page === "/" ? "home" : "settings_users"}_p${p}`, value, unit: "ms", baseline: base_, ratio: value / base_ });
      }
    }
    await stopNext(again.server, port);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const only = selectedParts(process.argv.slice(2));
  if (only.has("runtime")) await embeddedRuntimeDrain();
  if (only.has("email")) report(await (await import("./bench-email")).benchEmailRender());
  const needsBuild: Part[] = ["pages", "load", "lighthouse", "list"];
  if (needsBuild.some((part) => only.has(part))) ensureBuild();
  if (only.has("pages")) await benchPages();
  if (only.has("load")) await (await import("./bench-load")).benchLoad(report);
  if (only.has("lighthouse")) await (await import("./bench-lighthouse")).benchLighthouse(report);
  if (only.has("list")) await (await import("./bench-list")).benchList(report);
  if (only.has("statuses")) await (await import("./bench-statuses")).benchStatuses(report);
  if (only.has("automations")) await (await import("./bench-automations")).benchAutomations(report);
  if (only.has("newsletters")) await (await import("./bench-newsletters")).benchNewsletters(report);
  if (only.has("import")) await (await import("./bench-import")).benchImport(report);
}

await main();
