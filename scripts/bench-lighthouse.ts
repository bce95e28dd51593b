/**
 * Lighthouse in `npm run bench` (issue 17): lighthouse 12.2.3 in Debian's Chromium (headless, the
 * default mobile profile with simulated throttling) against the built app on the embedded default,
 * signed in as the demo's admin through the session cookie: home (My day), the Customer service
 * module's list page and a datasheet page. Each page is measured BENCH_LIGHTHOUSE_RUNS times (3)
 * and the run with the median performance score is reported. Figures, for page in home, list,
 * datasheet: `lighthouse_<page>_performance` and `_accessibility` (scores 0–100), `_lcp_ms`,
 * `_tbt_ms` and `_cls`. Goals: performance ≥ 98, accessibility 100, LCP ≤ 1,800 ms, TBT ≤ 100 ms,
 * CLS 0. An accessibility score under 100 names its failing audits on stderr.
 *
 * Chromium: CHROME_PATH, else CHROMIUM_PATH or /usr/bin/chromium. Alone: `npm run bench -- --only lighthouse`.
 */
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Result } from "lighthouse";
import { systemChromium } from "./chromium-path.mjs";
import { checkPages, withApp, type DemoPages } from "./bench-server";

const RUNS = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3));

type Figure = { name: string; value: number; unit: string; baseline?: number; ratio?: number };
type Report = (figure: Figure) => void;

const log = (line: string) => console.error(`bench-lighthouse: ${line}`);

const score = (lhr: Result, category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
const numeric = (lhr: Result, audit: string) => lhr.audits[audit]?.numericValue ?? Number.NaN;

/** What keeps a score under 100: the category's audits that failed, with the elements they name. */
function failingAudits(lhr: Result, category: string): string[] {
  const refs = lhr.categories[category]?.auditRefs ?? [];
  return refs
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score !== null && (lhr.audits[ref.id]?.score ?? 1) < 1)
    .map((ref) => {
      const audit = lhr.audits[ref.id]!;
      const details = audit.details as { items?: { node?: { selector?: string; snippet?: string } }[] } | undefined;
      const nodes = (details?.items ?? []).map((item) => item.node?.snippet ?? item.node?.selector).filter(Boolean);
      return `${ref.id} (${audit.title})${nodes.length ? `: ${nodes.slice(0, 5).join(" | ")}${nodes.length > 5 ? ` and ${nodes.length - 5} more` : ""}` : ""}`;
    });
}

async function audit(url: string, port: number, cookie: string): Promise<Result> {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
    extraHeaders: { Cookie: cookie },
  });
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`lighthouse gave no result for ${url}`);
  if (lhr.runtimeError) throw new Error(`lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  // A lost session would measure the sign-in page: the page must be the one asked for.
  if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) throw new Error(`${url} ended at ${lhr.finalDisplayedUrl}`);
  return lhr;
}

export async function benchLighthouse(report: Report): Promise<void> {
  await withApp("pglite", async (app) => {
    await checkPages(app, 10);
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROME_PATH ?? systemChromium(),
      chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
    });
    try {
      for (const page of ["home", "list", "datasheet"] as const satisfies (keyof DemoPages)[]) {
        const url = `${app.base}${app.pages[page].path}`;
        const runs: Result[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await audit(url, chrome.port, app.cookie));
        runs.sort((a, b) => score(a, "performance") - score(b, "performance"));
        const lhr = runs[Math.floor(runs.length / 2)]!;
        log(`${page}: performance ${runs.map((r) => score(r, "performance")).join(", ")} over ${RUNS} runs`);
        report({ name: `lighthouse_${page}_performance`, value: score(lhr, "performance"), unit: "score" });
        report({ name: `lighthouse_${page}_accessibility`, value: score(lhr, "accessibility"), unit: "score" });
        report({ name: `lighthouse_${page}_lcp_ms`, value: numeric(lhr, "largest-contentful-paint"), unit: "ms" });
        report({ name: `lighthouse_${page}_tbt_ms`, value: numeric(lhr, "total-blocking-time"), unit: "ms" });
        report({ name: `lighthouse_${page}_cls`, value: numeric(lhr, "cumulative-layout-shift"), unit: "" });
        if (score(lhr, "accessibility") < 100) log(`${page}: accessibility audits that fail: ${failingAudits(lhr, "accessibility").join("; ")}`);
        if (score(lhr, "performance") < 98) log(`${page}: performance audits that fail: ${failingAudits(lhr, "performance").join("; ")}`);
      }
    } finally {
      chrome.kill();
    }
  });
}
