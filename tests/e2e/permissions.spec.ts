import { expect, test } from "@playwright/test";
import { openNav } from "./support/app";
import { storageStateOf } from "./support/users";

const settingsPages = ["/settings/users", "/settings/users/new"];

for (const role of ["restricted", "normal", "manager"] as const) {
  test.describe(`${role} user`, () => {
    test.use({ storageState: storageStateOf(role) });

    test("finds no user settings: no nav link, and the URLs name nothing", async ({ page }) => {
      await page.goto("/");
      const nav = await openNav(page);
      await expect(nav.getByRole("link", { name: "Home" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);

      for (const path of settingsPages) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(404);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
        await expect(page.getByRole("heading", { name: "Users" })).toHaveCount(0);
      }
    });
  });
}

test.describe("admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("has Users in the nav and opens the settings pages", async ({ page }) => {
    await page.goto("/");
    const nav = await openNav(page);
    await expect(nav.getByRole("link", { name: "Users" })).toHaveAttribute("href", "/settings/users");

    for (const [path, heading] of [
      ["/settings/users", "Users"],
      ["/settings/users/new", "New user"],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    }
  });
});
