import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { signedOut, storageStateOf } from "./support/users";

// Pictures for people to look at (layout on a phone and a desktop); nothing is compared.
async function capture(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const file = path.join(testInfo.project.outputDir, "screenshots", `${testInfo.project.name}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("login", async ({ page }, testInfo) => {
    await page.goto("/login");
    await capture(page, testInfo, "login");
  });
});

test.describe("as the admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  for (const [name, url] of [
    ["home", "/"],
    ["users", "/settings/users"],
    ["profile", "/profile"],
  ] as const) {
    test(name, async ({ page }, testInfo) => {
      await page.goto(url);
      await capture(page, testInfo, name);
    });
  }
});
