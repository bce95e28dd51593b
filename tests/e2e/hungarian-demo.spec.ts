import { expect, test } from "@playwright/test";
import { expectPath, isPhoneLayout } from "./support/app";
import { hungarianURL } from "./support/servers";
import { DEMO_PASSWORD, demoUsers, signedOut } from "./support/users";

/*
 * A Hungarian first start (CRM_DEMO_LOCALE=hu, its own server and data folder: playwright.config.ts)
 * seeds the demo in Hungarian: the workspace, its modules, statuses, fields and clients' texts.
 */
test.use({ baseURL: hungarianURL, locale: "hu-HU", storageState: signedOut });

test("a Hungarian first start shows the demo in Hungarian", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(demoUsers.manager.email);
  await page.getByLabel("Jelszó").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Bejelentkezés" }).click();
  await expectPath(page, "/");

  if (isPhoneLayout(page)) await page.getByRole("button", { name: "Menü megnyitása" }).click();
  await page.getByRole("navigation", { name: "Fő" }).filter({ visible: true }).getByRole("link", { name: "Ügyfélszolgálat" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ügyfélszolgálat" })).toBeVisible();
  if (isPhoneLayout(page)) await page.locator("details summary").first().click();
  const staircase = page.getByTestId("staircase").filter({ visible: true });
  await expect(staircase.getByRole("link", { name: /^Új bejelentés \d+$/ })).toBeVisible();
  await expect(staircase.getByRole("link", { name: /^Folyamatban \d+$/ })).toBeVisible();

  await page.getByRole("link", { name: "Hotel Aranyhíd Kft." }).filter({ visible: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Hotel Aranyhíd Kft." })).toBeVisible();
  await expect(page.getByText("Prioritás", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Egyeztetni a raktárral a cserefotelek szállítási napját").first()).toBeVisible();
  await expect(page.getByText("Confirm the replacement armchairs' delivery date with the warehouse")).toHaveCount(0);
});
