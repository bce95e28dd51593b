import path from "node:path";
import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { expectPath, isPhoneLayout } from "./support/app";
import { axeOf } from "./support/axe";
import { signedOut, storageStateOf } from "./support/users";

// Issue 17: on a phone a page's main action is at least 44 by 44 CSS px (where a thumb aims), and
// every link and button at least 24 by 24 (WCAG 2.2, 2.5.8); on a desktop the same actions stay dense.

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
});

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  const file = path.join(testInfo.project.outputDir, "screenshots", `${testInfo.project.name}-touch-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
}

/** 44 px both ways on a phone; on a desktop no taller than a medium button (36 px). */
async function expectPrimarySize(page: Page, action: Locator, what: string): Promise<void> {
  await expect(action, what).toBeVisible();
  const box = (await action.boundingBox())!;
  if (isPhoneLayout(page)) {
    expect.soft(box.height, `${what}: height on a phone`).toBeGreaterThanOrEqual(44);
    expect.soft(box.width, `${what}: width on a phone`).toBeGreaterThanOrEqual(44);
  } else {
    expect.soft(box.height, `${what}: height on a desktop`).toBeLessThanOrEqual(36);
  }
}

/** The demo's Hotel Aranyhíd Kft. (a contact with email and phone), through the Customer service list. */
async function openDemoDatasheet(page: Page): Promise<void> {
  await page.goto("/");
  if (isPhoneLayout(page)) await page.getByRole("button", { name: "Open menu" }).click();
  await page.getByRole("navigation", { name: "Main" }).filter({ visible: true }).getByRole("link", { name: "Customer service" }).click();
  await expectPath(page, /^\/modules\/[0-9a-f-]{36}$/);
  await page.getByRole("link", { name: "Hotel Aranyhíd Kft." }).filter({ visible: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Hotel Aranyhíd Kft." })).toBeVisible();
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("Sign in is the sign-in page's main action", async ({ page }, testInfo) => {
    await page.goto("/login");
    await expectPrimarySize(page, page.getByRole("button", { name: "Sign in" }), "Sign in");
    await screenshot(page, testInfo, "login");
  });
});

test.describe("as the admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("the main actions of home, the list, a datasheet and the settings are thumb-sized on a phone", async ({ page }, testInfo) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectPrimarySize(page, page.getByRole("button", { name: "New client" }).filter({ visible: true }), "New client on home");
    await screenshot(page, testInfo, "home");

    await openDemoDatasheet(page);
    const history = page.getByTestId("client-history");
    const addTodo = history.getByRole("button", { name: "Todo", exact: true });
    await expectPrimarySize(page, addTodo, "the datasheet's Todo button");
    await addTodo.click();
    await expectPrimarySize(page, history.getByRole("button", { name: "Add todo" }), "the todo form's Add todo");
    await screenshot(page, testInfo, "datasheet");

    await page.goto("/profile");
    await expectPrimarySize(page, page.getByRole("button", { name: "Save" }).first(), "the profile's Save");
    await screenshot(page, testInfo, "profile");

    await page.goto("/settings/users");
    await expectPrimarySize(page, page.getByRole("link", { name: "New user" }), "New user");
    await screenshot(page, testInfo, "users");
  });

  test("a datasheet's contact links are at least 24 px high, and axe finds no target too small", async ({ page }, testInfo) => {
    await openDemoDatasheet(page);
    const contacts = page.getByTestId("contacts");
    for (const link of [contacts.getByRole("link", { name: "judit.lakatos@aranyhid.hu" }), contacts.getByRole("link", { name: "+36 30 412 7788" })]) {
      await expect(link).toBeVisible();
      const box = (await link.boundingBox())!;
      expect.soft(box.height, `${await link.textContent()}: height`).toBeGreaterThanOrEqual(24);
    }
    const { violations } = await axeOf(page).withRules(["target-size"]).analyze();
    expect(violations.flatMap((v) => v.nodes.map((n) => n.target.join(" ")))).toEqual([]);
    await screenshot(page, testInfo, "contacts");
  });
});
