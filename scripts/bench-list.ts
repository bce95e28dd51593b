/**
 * The client list's figures for `npm run bench`, on 100,000 generated datasheets:
 * - its data query for "status X, sorted by last contact, first page", and for a page 2,000 rows
 *   deep reached by cursor, each against the same SQL written by hand on the same index; and a
 *   search sorted by name against the plan that walks the name index;
 * - the list page's server response time (p50, p95, warm) in the built app, and the dashboards'
 *   (the team's and My day, issue 15) against it;
 * - the list page's and a datasheet page's first-load JavaScript in kB gzip (every script its HTML
 *   loads), against the profile page's;
 * - the mutations of scripts/bench-mutations.ts, on the same data.
 * Needs a build (`scripts/bench.ts` makes one first).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { useConnection as setConnection } from "../db/client";
import { openPglite } from "../db/drivers/pglite";
import { users } from "../db/schema";
import { createApiKeyForEmail } from "../lib/api/keys";
import type { UserActor } from "../lib/auth/permissions";
import { loadListScope, queryListPage } from "../lib/datasheets/list-query";
import type { ListSort } from "../lib/views/filter";
import { benchApi } from "./bench-api";
import { embeddedSecret, sessionCookie, startNext, stopNext, waitForLogin } from "./bench-server";
import { benchMutations } from "./bench-mutations";
import { generate } from "./db-generate";

const root = path.resolve(import.meta.dirname, "..");
const DATASHEETS = 100_000;
const RUNS = 30;
const REQUESTS = 100;

type Figure = { name: string; value: number; unit: string; baseline?: number; ratio?: number };
type Report = (figure: Figure) => void;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeIt(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  for (let i = 0; i < 5; i++) await fn(); // warm the caches and the plan
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

interface Dataset {
  moduleId: string;
  statusId: string;
  statusKey: string;
  admin: UserActor;
  /** An API key of the admin, and datasheets of the module for the API's figures. */
  apiKey: string;
  datasheetIds: string[];
}

/** Fills the folder's demo workspace with the generated module, then times the data query. */
async function queryFigures(dataDir: string, report: Report): Promise<Dataset> {
  const connection = await openPglite({ dataDir });
  setConnection(connection);
  try {
    await connection.migrate();
    const generated = await generate(connection.db, { datasheets: DATASHEETS, log: (line) => console.error(`db:generate ${line}`) });
    const admin: UserActor = { userId: generated.adminUserId, workspaceId: generated.workspaceId, role: "admin" };
    const scope = await loadListScope(connection.db, admin, generated.moduleId);
    // "Status X": the fullest status, the worst case for a status filter.
    const counts = await connection.client.query<{ status_id: string; n: number }>(
      "select status_id, count(*)::int as n from datasheets where module_id = $1 group by status_id order by n desc limit 1",
      [generated.moduleId],
    );
    const statusId = counts.rows[0]!.status_id;
    const statusKey = scope.context.statuses.find((s) => s.id === statusId)!.key;
    const sort: ListSort = { by: "lastContact", dir: "desc" };
    const query = { filter: { statuses: [statusKey] }, sort, limit: 50 };

    const raw = (after: { value: string | null; id: string } | null) =>
      connection.client.query(
        `select id, version, business_id, business_name, status_id, responsible_user_id, last_contact_at, next_todo_id,
                next_todo_due_at, created_at, last_contact_at::text as sort_value
           from datasheets
          where workspace_id = $1 and deleted_at is null and module_id = $2 and status_id = $3
            ${
              after === null
                ? ""
                : after.value === null
                  ? "and ((last_contact_at is null and id < $4::uuid) or last_contact_at is not null)"
                  : "and (last_contact_at, id) < ($4::timestamptz, $5::uuid)"
            }
          order by last_contact_at desc nulls first, id desc
          limit 51`,
        after === null
          ? [admin.workspaceId, generated.moduleId, statusId]
          : after.value === null
            ? [admin.workspaceId, generated.moduleId, statusId, after.id]
            : [admin.workspaceId, generated.moduleId, statusId, after.value, after.id],
      );

    const first = await timeIt(() => queryListPage(connection.db, admin, scope, query));
    const firstRaw = await timeIt(() => raw(null));
    report({ name: "list_query_status_last_contact_first_page", value: first, unit: "ms", baseline: firstRaw, ratio: first / firstRaw });

    // 2,000 rows deep: 40 pages of 50 through the cursor, then the 41st page is timed.
    let cursor: string | null = null;
    let last: { sortValue: string | null; id: string } | undefined;
    for (let i = 0; i < 40; i++) {
      const page = await queryListPage(connection.db, admin, scope, { ...query, cursor });
      cursor = page.nextCursor;
      last = page.rows.at(-1);
      if (!cursor) throw new Error(`status ${statusKey} has fewer than 2,000 datasheets`);
    }
    const deep = await timeIt(() => queryListPage(connection.db, admin, scope, { ...query, cursor }));
    // Going down the nulls come first: the hand-written seek says the same for a null position.
    const deepRaw = await timeIt(() => raw({ value: last!.sortValue, id: last!.id }));
    report({ name: "list_query_status_last_contact_page_2000_deep", value: deep, unit: "ms", baseline: deepRaw, ratio: deep / deepRaw });

    // A search sorted by name. Baseline: the same statement ordered on the name index, the plan
    // PostgreSQL picks for it (it walks the index, reading a third of the module for this term).
    const search = { filter: { q: "kov" }, sort: { by: "name", dir: "asc" } as ListSort, limit: 50 };
    const searched = await timeIt(() => queryListPage(connection.db, admin, scope, search));
    const indexWalk = await timeIt(() =>
      connection.client.query(
        `select d.id from datasheets d
          where d.workspace_id = $1 and d.module_id = $2 and d.deleted_at is null
            and d.business_id in (select b.id from businesses b where b.workspace_id = $1 and b.search_text like '%kov%')
          order by d.business_name asc, d.id asc
          limit 51`,
        [admin.workspaceId, generated.moduleId],
      ),
    );
    report({ name: "list_query_search_sorted_by_name_first_page", value: searched, unit: "ms", baseline: indexWalk, ratio: searched / indexWalk });

    // The mutations last: they change the data the list figures above read.
    await benchMutations(connection.db, connection.client, admin, generated.moduleId, report);
    // The mutations' events (the by-hand baseline's are not even whole payloads) are not delivered by
    // the server started next: its page timings measure pages, not a backlog of background jobs.
    await connection.client.query("update outbox_events set dispatched_at = now() where dispatched_at is null");
    await connection.client.query("vacuum analyze");
    const [adminRow] = await connection.db.select({ email: users.email }).from(users).where(eq(users.id, admin.userId));
    const { key: apiKey } = await createApiKeyForEmail(connection.db, adminRow!.email, "bench");
    const sample = await connection.client.query<{ id: string }>("select id from datasheets where module_id = $1 and deleted_at is null limit 200", [
      generated.moduleId,
    ]);
    return { moduleId: generated.moduleId, statusId, statusKey, admin, apiKey, datasheetIds: sample.rows.map((r) => r.id) };
  } finally {
    await connection.close();
  }
}

/** A page's server response time, warm (p50, p95 of REQUESTS after ten that warm the caches), and its HTML. */
async function timePage(url: string, cookie: string): Promise<{ html: string; p50: number; p95: number }> {
  let html = "";
  const times: number[] = [];
  for (let i = 0; i < REQUESTS + 10; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
    html = await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    if (i >= 10) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { html, p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** Every script a modern browser loads for the page's HTML (not the `nomodule` polyfills), gzipped, in kB. */
function firstLoadJs(html: string): number {
  const tags = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*>/g)].filter((m) => !/\snomodule/i.test(m[0]));
  const sources = new Set(tags.map((m) => m[1]!));
  let bytes = 0;
  for (const src of sources) {
    const local = src.split("?")[0]!.replace(/^\/_next\//, "");
    const file = path.join(root, ".next", local);
    if (fs.existsSync(file)) bytes += gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }
  return bytes / 1024;
}

export async function benchList(report: Report): Promise<void> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("bench-list needs a build: run next build first");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-bench-list-"));
  const port = 3800 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  try {
    // The API's figures load one key with 2,000 requests a run: beyond the production limit on purpose.
    process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
    // A fresh folder, seeded with the demo workspace by the server's first start.
    const seeding = startNext(port, { CRM_DATA_DIR: dataDir });
    await waitForLogin(seeding, base);
    await stopNext(seeding);

    const dataset = await queryFigures(dataDir, report);

    const server = startNext(port, { CRM_DATA_DIR: dataDir });
    try {
      await waitForLogin(server, base);
      const cookie = await sessionCookie(embeddedSecret(dataDir), dataset.admin.userId);
      const url = `${base}/modules/${dataset.moduleId}?status=${dataset.statusKey}&sort=lastContact&dir=desc`;
      const { html, p50: listP50, p95: listP95 } = await timePage(url, cookie);
      report({ name: "list_page_p50", value: listP50, unit: "ms" });
      report({ name: "list_page_p95", value: listP95, unit: "ms" });
      // The dashboards (issue 15), each against the list page measured the same way in the same run.
      const team = await timePage(`${base}/?view=team`, cookie);
      report({ name: "dashboard_team_100k", value: team.p50, unit: "ms", baseline: listP50, ratio: team.p50 / listP50 });
      const myDay = await timePage(`${base}/`, cookie);
      report({ name: "dashboard_my_day_100k", value: myDay.p50, unit: "ms", baseline: listP50, ratio: myDay.p50 / listP50 });
      // Baseline: the profile page, i.e. what the framework and the app shell cost on every page.
      const home = await (await fetch(`${base}/profile`, { headers: { cookie } })).text();
      const listJs = firstLoadJs(html);
      const homeJs = firstLoadJs(home);
      report({ name: "list_page_first_load_js", value: listJs, unit: "kB gzip", baseline: homeJs, ratio: listJs / homeJs });
      // The datasheet page of the list's first client: where users spend their day.
      const datasheetPath = html.match(/href="(\/datasheets\/[0-9a-f-]{36})"/)?.[1];
      if (!datasheetPath) throw new Error("the list page links no datasheet");
      const datasheet = await fetch(`${base}${datasheetPath}`, { headers: { cookie } });
      if (datasheet.status !== 200) throw new Error(`${datasheetPath} answered ${datasheet.status}`);
      const datasheetJs = firstLoadJs(await datasheet.text());
      report({ name: "datasheet_page_first_load_js", value: datasheetJs, unit: "kB gzip", baseline: homeJs, ratio: datasheetJs / homeJs });

      await benchApi({ base, key: dataset.apiKey, moduleId: dataset.moduleId, statusKey: dataset.statusKey, datasheetIds: dataset.datasheetIds }, report);
    } finally {
      await stopNext(server);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
