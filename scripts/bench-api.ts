/**
 * The REST API's figures for `npm run bench` (issue 14), against the built app on the 100,000
 * datasheets of scripts/bench-list.ts: `GET /api/v1/datasheets` (first page, filtered by a status)
 * and `POST /api/v1/datasheets/{id}/todos`, 2,000 requests each from 20 concurrent clients
 * (autocannon), each against `/api/health` measured the same way in the same run. Figures:
 * `api_list_datasheets_p50|p95`, `api_add_todo_p50|p95` with the health check as baseline, and
 * their error counts (`…_errors`, goal 0).
 */
import autocannon from "autocannon";

const REQUESTS = 2_000;
const CONNECTIONS = 20;

type Figure = { name: string; value: number; unit: string; baseline?: number; ratio?: number };
type Report = (figure: Figure) => void;

interface Run {
  p50: number;
  p95: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** 2,000 requests from 20 clients; every answer's time is kept (autocannon's own table has no p95). */
async function load(options: {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  paths?: string[];
  body?: string;
  expect: number;
}): Promise<Run> {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  let finish!: (result: autocannon.Result) => void;
  const done = new Promise<autocannon.Result>((resolve) => (finish = resolve));
  const instance = autocannon(
    {
      url: options.url,
      connections: CONNECTIONS,
      amount: REQUESTS,
      method: options.method ?? "GET",
      headers: options.headers,
      body: options.body,
      // Each request to the next path of the list (the todos go to many datasheets, not one row).
      ...(options.paths
        ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: options.paths![next++ % options.paths!.length]! }) }] }
        : {}),
    },
    (error, result) => {
      if (error) throw error;
      finish(result);
    },
  );
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode !== options.expect) errors++;
    times.push(responseTime);
  });
  const result = await done;
  errors += result.errors + result.timeouts;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), errors };
}

export interface ApiBenchTarget {
  base: string;
  key: string;
  moduleId: string;
  statusKey: string;
  /** Datasheets the todos are added to, in turn. */
  datasheetIds: string[];
}

export async function benchApi(target: ApiBenchTarget, report: Report): Promise<void> {
  const headers = { Authorization: `Bearer ${target.key}`, "Content-Type": "application/json" };
  // Warm both paths (first compile of the route, caches) before timing.
  await load({ url: `${target.base}/api/health`, expect: 200 });

  const health = await load({ url: `${target.base}/api/health`, expect: 200 });
  const list = await load({
    url: `${target.base}/api/v1/datasheets?moduleId=${target.moduleId}&status=${target.statusKey}`,
    headers,
    expect: 200,
  });
  report({ name: "api_list_datasheets_p50", value: list.p50, unit: "ms", baseline: health.p50, ratio: list.p50 / health.p50 });
  report({ name: "api_list_datasheets_p95", value: list.p95, unit: "ms", baseline: health.p95, ratio: list.p95 / health.p95 });
  report({ name: "api_list_datasheets_errors", value: list.errors, unit: "requests" });

  const healthAgain = await load({ url: `${target.base}/api/health`, expect: 200 });
  const todos = await load({
    url: target.base,
    method: "POST",
    headers,
    paths: target.datasheetIds.map((id) => `/api/v1/datasheets/${id}/todos`),
    body: JSON.stringify({ text: "Call back about the offer", dueAt: new Date(Date.now() + 86_400_000).toISOString() }),
    expect: 201,
  });
  report({ name: "api_add_todo_p50", value: todos.p50, unit: "ms", baseline: healthAgain.p50, ratio: todos.p50 / healthAgain.p50 });
  report({ name: "api_add_todo_p95", value: todos.p95, unit: "ms", baseline: healthAgain.p95, ratio: todos.p95 / healthAgain.p95 });
  report({ name: "api_add_todo_errors", value: todos.errors, unit: "requests" });
  report({ name: "api_health_errors", value: health.errors + healthAgain.errors, unit: "requests" });
}
