import { expect, test } from "@playwright/test";
import { expectPath, newContext, openNav } from "./support/app";
import { expectNoAxeViolations } from "./support/axe";
import { demoUsers, englishName, storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("admin") });

test("an admin creates a key, sees it once, the API takes it, and a revoked key is refused", async ({ page }, testInfo) => {
  const name = `E2E ${testInfo.project.name} ${Date.now()}`;
  await page.goto("/");
  const nav = await openNav(page);
  await nav.getByRole("link", { name: "API keys" }).click();
  await expectPath(page, "/settings/api-keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();

  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an API key" });
  // Both fields are checked before anything is sent.
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.locator("#name-error")).toHaveText("Required.");
  await expect(dialog.locator("#userId-error")).toHaveText("Choose a user.");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Acts as").selectOption({ label: `${englishName(demoUsers.manager)} (${demoUsers.manager.email})` });
  await dialog.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByRole("dialog", { name: "Copy the key now" });
  await expect(shown.getByText("you will not see it again")).toBeVisible();
  await expect(shown.getByText(`acts as ${englishName(demoUsers.manager)}`)).toBeVisible();
  const keyField = shown.getByLabel("API key");
  await expect(keyField).toBeFocused();
  const key = await keyField.inputValue();
  expect(key).toMatch(/^crm_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toHaveCount(0);

  // Listed by name, owner and prefix; the key itself is nowhere on the page, now or after a reload.
  const row = page.getByTestId("api-key").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row.getByText(`crm_${key.slice(4, 16)}…`).filter({ visible: true })).toHaveCount(1);
  await expect(row.getByText(englishName(demoUsers.manager)).filter({ visible: true })).toHaveCount(1);
  await expect(row.getByText("Never", { exact: false }).filter({ visible: true })).toHaveCount(1);
  await page.reload();
  expect(await page.content()).not.toContain(key.slice(17));

  // The key acts as the manager: the manager sees the team.
  const headers = { Authorization: `Bearer ${key}` };
  const answer = await page.request.get("/api/v1/users", { headers });
  expect(answer.status()).toBe(200);
  const { data } = (await answer.json()) as { data: { email: string }[] };
  expect(data.map((u) => u.email)).toContain(demoUsers.manager.email);
  await page.reload();
  await expect(row.getByText("Never", { exact: false }).filter({ visible: true })).toHaveCount(0);

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke ${name}?` });
  await expect(confirm.getByText("This cannot be undone.")).toBeVisible();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row.getByText("Revoked")).toBeVisible();
  await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);

  const refused = await page.request.get("/api/v1/users", { headers });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
});

test("a manager finds no API keys: no nav link, and the URL names nothing", async ({ browser }) => {
  const context = await newContext(browser, "manager");
  const page = await context.newPage();
  await page.goto("/");
  const nav = await openNav(page);
  await expect(nav.getByRole("link", { name: "Home" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveCount(0);
  const response = await page.goto("/settings/api-keys");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  await context.close();
});

test("the API reference renders the document, with a curl example per operation, and needs no sign-in", async ({ browser, baseURL }) => {
  const context = await newContext(browser, "signedOut");
  const page = await context.newPage();
  // Nothing blocked by the page's Content-Security-Policy, nothing loaded from elsewhere (no CDN).
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("requestfailed", (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("response", (answer) => {
    if (answer.status() >= 400) problems.push(`${answer.url()}: ${answer.status()}`);
  });
  const outside: string[] = [];
  page.on("request", (request) => {
    if (!/^(data|blob):/.test(request.url()) && new URL(request.url()).origin !== new URL(baseURL!).origin) outside.push(request.url());
  });

  const response = await page.goto("/api/v1/docs");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: /^CRM REST API/ })).toBeVisible();
  const operation = page.locator(".opblock").filter({ hasText: "/users" }).first();
  await expect(operation).toBeVisible();
  await operation.locator(".opblock-summary").click();
  await expect(operation.getByText('curl -s "$CRM_URL/api/v1/users" -H "Authorization: Bearer $CRM_KEY"')).toBeVisible();
  expect(problems).toEqual([]);
  expect(outside).toEqual([]);
  // Swagger UI's own markup breaks four rules we cannot change without forking it: tag headings
  // (h3) right under its title (h1), the operation summary's control nested in a control, the
  // title and server picker outside its <main>, and its operation links' small targets. Everything
  // else (contrast, labels) is held here.
  await expectNoAxeViolations(page, "the API reference", { disable: ["heading-order", "nested-interactive", "region", "target-size"] });

  const document = await page.request.get("/api/v1/openapi.json");
  expect(document.status()).toBe(200);
  expect(document.headers()["content-type"]).toContain("application/json");
  expect(await document.json()).toMatchObject({ openapi: "3.1.0", paths: { "/users": { get: expect.any(Object) } } });
  await context.close();
});
