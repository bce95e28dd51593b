import { gzipSync } from "node:zlib";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { storageStateOf } from "./support/users";

/*
 * What a phone downloads before a page works: every script the page's HTML names for a modern
 * browser (not the `nomodule` polyfills), gzipped. Issue 17 holds the client list to 180 kB; a
 * static import of a menu, dialog or chart library where a deferred one belongs shows here first
 * (the export menu once put the list at 213 kB). `npm run bench` reports the same figure.
 */
const LIST_LIMIT_KB = 180;

async function firstLoadKb(request: APIRequestContext, path: string): Promise<number> {
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  const html = await response.text();
  const sources = new Set(
    [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*>/g)].filter((m) => !/\snomodule/i.test(m[0])).map((m) => m[1]!.replaceAll("&amp;", "&")),
  );
  expect(sources.size).toBeGreaterThan(0);
  let bytes = 0;
  for (const src of sources) {
    const script = await request.get(src);
    expect(script.status(), src).toBe(200);
    bytes += gzipSync(await script.body(), { level: 9 }).length;
  }
  return bytes / 1024;
}

test.describe("first-load JavaScript", () => {
  test.use({ storageState: storageStateOf("admin") });
  test.skip(({ isMobile }) => isMobile, "the same scripts on every viewport: measured once");

  test("the client list stays within 180 kB gzip, and the start page carries no chart library", async ({ page, request }) => {
    await page.goto("/");
    const listPath = await page
      .getByRole("navigation", { name: "Main" })
      .filter({ visible: true })
      .getByRole("link", { name: "Customer service" })
      .getAttribute("href");
    const list = await firstLoadKb(request, listPath!);
    const home = await firstLoadKb(request, "/");
    test.info().annotations.push({ type: "first-load kB gzip", description: `list ${list.toFixed(1)}, home ${home.toFixed(1)}` });
    expect(list).toBeLessThanOrEqual(LIST_LIMIT_KB);
    // The team dashboard's charts (recharts, ~120 kB) load after the page: home stays in the same range.
    expect(home).toBeLessThanOrEqual(LIST_LIMIT_KB);
  });
});
