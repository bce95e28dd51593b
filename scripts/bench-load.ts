/**
 * Pages under load, for `npm run bench` (issue 17): autocannon with 50 connections and no pause
 * for 15 s against each page of the demo workspace's signed-in admin, measured from outside on
 * the built app — the list page of the Customer service module (its dozen clients), a datasheet
 * page (a client with contacts, todos and history) and home (My day) — with `/api/health` (no
 * session, no database) in the same run as the baseline. Figures: `load_list_page_rps`,
 * `load_datasheet_page_rps`, `load_home_rps` (requests/s; extra fields p50_ms, p97_5_ms, errors,
 * non2xx, timeouts; baseline: the health check's requests/s) and `load_health_rps`. On the
 * embedded default, and on PostgreSQL (names ending `_postgres`) when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL answers, in a database of its own that is dropped afterwards.
 *
 * Only a full 200 counts in requests/s: autocannon follows no redirect, so a lost session (307 to
 * /login) shows as non2xx and adds nothing, and a 2xx much shorter than the page's HTML (checked
 * for its content before the load and again after it) counts as an error. Latencies are over all answers.
 *
 * Alone: `npm run bench -- --only load` (a build must exist).
 */
import autocannon from "autocannon";
import { checkPages, postgresServerUrl, withApp, type RunningApp } from "./bench-server";

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_LOAD_SECONDS ?? 15);

type Figure = { name: string; value: number; unit: string; baseline?: number; ratio?: number; [extra: string]: number | string | undefined };
type Report = (figure: Figure) => void;

const log = (line: string) => console.error(`bench-load: ${line}`);

interface LoadResult {
  /** Full 200 answers per second: a redirect or an error page adds nothing. */
  rps: number;
  p50: number;
  p97_5: number;
  /** Connection errors (timeouts included) and 2xx answers shorter than the page. */
  errors: number;
  non2xx: number;
  timeouts: number;
}

/** 50 connections, no pause, for DURATION_S seconds; a 200 counts when it is at least `minBytes` long. */
async function load(url: string, headers: Record<string, string>, minBytes: number): Promise<LoadResult> {
  let ok = 0;
  let short = 0;
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const instance = autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers }, (error, result) => (error ? fail(error) : finish(result)));
  instance.on("response", (_client: unknown, statusCode: number, bytes: number) => {
    if (statusCode === 200 && bytes >= minBytes) ok++;
    else if (statusCode >= 200 && statusCode < 300) short++;
  });
  const result = await done;
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    errors: result.errors + short,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
  };
}

async function measure(app: RunningApp, report: Report): Promise<void> {
  const suffix = app.backend === "pglite" ? "" : `_${app.backend}`;
  // Each page must answer 200 with its content before it is timed (this also warms the server).
  const bytes = await checkPages(app, 10);

  const health = await load(`${app.base}/api/health`, {}, 2);
  report({
    name: `load_health_rps${suffix}`,
    value: health.rps,
    unit: "requests/s",
    p50_ms: health.p50,
    p97_5_ms: health.p97_5,
    errors: health.errors,
    non2xx: health.non2xx,
    timeouts: health.timeouts,
  });
  for (const [page, figure] of [
    ["list", "load_list_page_rps"],
    ["datasheet", "load_datasheet_page_rps"],
    ["home", "load_home_rps"],
  ] as const) {
    // A full answer is the page's headers and HTML; half of the checked HTML is a generous floor.
    const result = await load(`${app.base}${app.pages[page].path}`, { cookie: app.cookie }, Math.floor(bytes[page] / 2));
    report({
      name: `${figure}${suffix}`,
      value: result.rps,
      unit: "requests/s",
      baseline: health.rps,
      ratio: result.rps / health.rps,
      p50_ms: result.p50,
      p97_5_ms: result.p97_5,
      errors: result.errors,
      non2xx: result.non2xx,
      timeouts: result.timeouts,
    });
    if (result.errors + result.non2xx + result.timeouts > 0) {
      log(`${page} (${app.backend}): ${result.errors} errors, ${result.non2xx} non-2xx, ${result.timeouts} timeouts`);
    }
  }
  // The session must still be good after the load: a page that fell back to /login would show here.
  await checkPages(app, 1);
}

export async function benchLoad(report: Report): Promise<void> {
  await withApp("pglite", (app) => measure(app, report));
  const serverUrl = await postgresServerUrl();
  if (!serverUrl) {
    log("no PostgreSQL server (BENCH_DATABASE_URL or TEST_DATABASE_URL): the _postgres figures are not measured");
    return;
  }
  await withApp("postgres", (app) => measure(app, report), serverUrl);
}
