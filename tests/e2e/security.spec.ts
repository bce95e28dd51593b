import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectSecurityHeaders, watchCspViolations } from "./support/csp";
import { signedOut, storageStateOf } from "./support/users";

/** A server action's id in this build, by the name it is exported under. */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, action]) => action.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`no server action ${exportedName} in this build`);
  return id;
}

/** Opens a page the way a user does and checks the headers it came with. */
async function visit(page: Page, path: string, status = 200): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  expectSecurityHeaders(response, path);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
}

/** The first link on the page into `prefix`, e.g. a module's list or a datasheet. */
async function firstLinkInto(page: Page, prefix: string): Promise<string> {
  const href = await page.locator(`a[href^="${prefix}"]`).first().getAttribute("href");
  expect(href, `a link into ${prefix}`).toBeTruthy();
  return new URL(href!, "http://x").pathname;
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("the public pages and Auth.js' error page carry the headers and break no CSP rule", async ({ page, context }) => {
    const violations = await watchCspViolations(context);
    await visit(page, "/login");
    // The language switch is a server action sent as a form (multipart): it still goes through.
    await page.getByRole("button", { name: "Magyar" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "hu");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await visit(page, "/forgot-password");
    // An error page: Auth.js renders its own (with inline styles) under the same headers.
    const authError = await page.goto("/api/auth/error?error=Verification");
    expect(authError?.status()).toBeGreaterThanOrEqual(400);
    expectSecurityHeaders(authError, "Auth.js' error page");
    // A page that needs a session sends the visitor to sign in, headers and all.
    await page.goto("/settings/users");
    await expect(page).toHaveURL(/\/login\?/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(violations).toEqual([]);
  });
});

test.describe("signed in", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("every page type carries the headers and breaks no CSP rule", async ({ page, context }) => {
    test.slow(); // Ten pages, one of them with a chart and one with a frame.
    const violations = await watchCspViolations(context);
    await visit(page, "/");
    const listPath = await firstLinkInto(page, "/modules/");
    await visit(page, listPath);
    const datasheetPath = await firstLinkInto(page, "/datasheets/");
    await visit(page, datasheetPath);
    await visit(page, "/settings/users");
    await visit(page, "/settings/modules");
    await visit(page, "/profile");
    await visit(page, "/reports/funnel");

    await visit(page, "/mailbox");
    const email = page.getByTestId("mailbox-email").first().getByRole("link");
    if (await email.count()) {
      await email.click();
      const frame = page.getByTestId("email-frame");
      await expect(frame).toBeVisible();
      // The email keeps its own, stricter policy: sandboxed, no script, framed by the app only.
      const src = await frame.getAttribute("src");
      const html = await page.request.get(src!);
      expect(html.headers()["content-security-policy"]).toMatch(/^sandbox; default-src 'none'.*frame-ancestors 'self'/);
      expect(html.headers()["x-frame-options"]).toBeUndefined();
    }

    // Not found: the app's 404 page, with the same headers.
    await visit(page, "/no-such-page", 404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
    await visit(page, "/datasheets/00000000-0000-4000-8000-000000000000", 404);
    expect(violations).toEqual([]);
  });

  test("the routes with policies of their own keep them", async ({ page }) => {
    const docs = await page.request.get("/api/v1/docs");
    expect(docs.headers()["content-security-policy"]).toContain("script-src 'self';");
    expect(docs.headers()["content-security-policy"]).not.toContain("nonce-");
    const avatar = await page.request.get("/api/avatars/00000000-0000-4000-8000-000000000000");
    expect(avatar.status()).toBe(404);
    expect(avatar.headers()["content-security-policy"]).toBeUndefined();
  });
});

test.describe("server-action requests", () => {
  /** Posts to a page as the browser posts an action; the Origin is the app's own. */
  function postAction(request: APIRequestContext, baseURL: string, headers: Record<string, string>, data: string | Buffer) {
    return request.post("/login", { headers: { origin: baseURL, ...headers }, data, maxRedirects: 0 });
  }

  test("malformed or oversized ones get a 4xx, and the app goes on answering", async ({ request, baseURL }) => {
    const id = actionId("signInAction");
    const text = "text/plain;charset=UTF-8";
    const cases: { what: string; headers: Record<string, string>; data: string | Buffer; status: number }[] = [
      { what: "over the 2 MB limit", headers: { "next-action": id, "content-type": text }, data: Buffer.alloc(3 * 1024 * 1024, 97), status: 413 },
      { what: "broken argument JSON", headers: { "next-action": id, "content-type": text }, data: "[1,", status: 400 },
      { what: "arguments that are no array", headers: { "next-action": id, "content-type": text }, data: '{"a":1}', status: 400 },
      { what: "garbage text", headers: { "next-action": id, "content-type": text }, data: "hello there", status: 400 },
      { what: "multipart without a boundary", headers: { "next-action": id, "content-type": "multipart/form-data" }, data: "xx", status: 400 },
      { what: "a form post without a boundary", headers: { "content-type": "multipart/form-data" }, data: "xx", status: 400 },
      {
        what: "multipart that does not parse",
        headers: { "next-action": id, "content-type": "multipart/form-data; boundary=abc" },
        data: "garbage",
        status: 400,
      },
      { what: "another origin", headers: { "next-action": id, "content-type": text, origin: "http://evil.example" }, data: "[]", status: 403 },
    ];
    for (const { what, headers, data, status } of cases) {
      const response = await postAction(request, baseURL!, headers, data);
      expect(response.status(), what).toBe(status);
      expect(await response.text(), what).not.toContain("digest");
      const next = await request.get("/login");
      expect(next.status(), `the next request after ${what}`).toBe(200);
    }
  });

  test("arguments of the wrong kind (text where a form is expected) are refused as invalid input, not a 500", async ({ request, baseURL }) => {
    for (const name of ["signInAction", "setVisitorLocaleAction"]) {
      for (const data of ['["x"]', '[null, "x"]', "[]"]) {
        const response = await postAction(request, baseURL!, { "next-action": actionId(name), "content-type": "text/plain;charset=UTF-8" }, data);
        expect(response.status(), `${name} with ${data}`).toBe(200);
        expect(await response.text(), `${name} with ${data}`).not.toContain("digest");
      }
    }
  });

  test("a well-formed call with plain-text arguments still runs", async ({ browser, baseURL }) => {
    // Its own context: the action sets the theme cookie in it, nowhere else.
    const context = await browser.newContext({ storageState: storageStateOf("admin") });
    try {
      const response = await context.request.post("/", {
        headers: { origin: baseURL!, "next-action": actionId("setThemeAction"), "content-type": "text/plain;charset=UTF-8" },
        data: '["dark"]',
      });
      expect(response.status()).toBe(200);
      expect(response.headers()["set-cookie"]).toMatch(/crm-theme=dark/);
    } finally {
      await context.close();
    }
  });
});
