import { expect, test, type Page } from "@playwright/test";
import { createUserAsAdmin, isPhoneLayout, openUserMenu, signedInPage } from "./support/app";
import { expectNoAxeViolations } from "./support/axe";
import { watchCspViolations } from "./support/csp";
import { demoUsers, signedOut } from "./support/users";

type Locale = "en" | "hu";
const signInHeading = { en: "Sign in", hu: "Bejelentkezés" } as const;

/** Opens a page and waits until its main heading is there. */
async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  // Entry animations would catch axe mid-fade (colour contrast); the app honours reduced motion.
  await page.emulateMedia({ reducedMotion: "reduce" });
});

for (const locale of ["en", "hu"] as const satisfies Locale[]) {
  test.describe(`in ${locale === "en" ? "English" : "Hungarian"}`, () => {
    test.describe("signed out", () => {
      test.use({ storageState: signedOut });

      test("the sign-in page has no axe violations", async ({ page, context, baseURL }) => {
        await context.addCookies([{ name: "crm-locale", value: locale, url: baseURL! }]);
        const cspViolations = await watchCspViolations(context);
        await visit(page, "/login");
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(signInHeading[locale]);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expectNoAxeViolations(page, `/login (${locale})`);
        expect(cspViolations, "Content-Security-Policy violations").toEqual([]);
      });
    });

    test("every signed-in page has no axe violations", async ({ browser }, testInfo) => {
      // Twenty pages and four dialogs, each checked by axe: minutes on a busy 2-core machine.
      test.setTimeout(360_000);
      // A user of its own: switching the demo users' language would break the other tests.
      const user = await createUserAsAdmin(browser, testInfo, { role: "admin", tag: `a11y-${locale}` });
      const page = await signedInPage(browser, user.email, user.password);
      // Every page, dialog and menu below must also run under the pages' Content-Security-Policy.
      const cspViolations = await watchCspViolations(page.context());
      await page.emulateMedia({ reducedMotion: "reduce" });
      if (locale === "hu") {
        const menu = await openUserMenu(page);
        await menu.getByRole("menuitemradio", { name: "Magyar" }).click();
        await expect(page.locator("html")).toHaveAttribute("lang", "hu");
      }

      await visit(page, "/settings/users");
      const demoAdminRow = page.getByTestId("current-users").getByRole("row").filter({ hasText: demoUsers.admin.email });
      const demoAdminPath = await demoAdminRow.getByRole("link").getAttribute("href");
      expect(demoAdminPath).toMatch(/^\/settings\/users\/[^/]+$/);

      // Settings → Modules: a module of its own (besides the demo's Customer service), made through the dialog.
      await visit(page, "/settings/modules");
      await page.getByRole("button", { name: locale === "en" ? "New module" : "Új modul" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoAxeViolations(page, `the New module dialog (${locale})`, { within: "[role=dialog]" });
      // The first kind offered: the automatic sales module.
      await page.getByRole("dialog").locator("button[type=submit]").click();
      await expect(page).toHaveURL(/\/settings\/modules\/[^/?]+$/);
      const modulePath = new URL(page.url()).pathname;
      const moduleId = modulePath.split("/").pop()!;

      // A client of that module: its datasheet has the sales pickers and "Why is it here?".
      await page
        .getByRole("button", { name: locale === "en" ? "New client" : "Új ügyfél" })
        .filter({ visible: true })
        .click();
      const newClient = page.getByRole("dialog");
      await newClient.locator("input[name='business.name']").fill(`A11y ${locale} ${Date.now()} Kft.`);
      await newClient.locator("select[name=moduleId]").selectOption(moduleId);
      await newClient.locator("button[type=submit]").click();
      await expect(page).toHaveURL(/\/datasheets\/[0-9a-f-]{36}$/);
      const datasheetPath = new URL(page.url()).pathname;
      await expect(page.getByTestId("status-why")).toBeVisible();

      for (const path of [
        "/",
        // The team dashboard (admins and managers): charts, their tables, the period picker.
        "/?view=team",
        "/?view=team&period=custom&from=2026-01-01&to=2026-03-31&by=responsible",
        "/profile",
        "/settings/users",
        "/settings/users/new",
        demoAdminPath!,
        "/settings/modules",
        modulePath,
        `${modulePath}?tab=fields`,
        `${modulePath}?tab=checks`,
        datasheetPath,
        "/reports/funnel",
        "/settings/jobs",
        "/settings/api-keys",
        "/settings/email-templates",
        "/settings/email-templates/new",
        "/newsletters",
        "/no-such-page",
      ]) {
        await visit(page, path);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expectNoAxeViolations(page, `${path} (${locale})`);
      }

      // Settings → API keys: the Create key dialog, and the key it shows once.
      await visit(page, "/settings/api-keys");
      await page.getByRole("button", { name: locale === "en" ? "Create key" : "Új kulcs" }).click();
      const createKey = page.getByRole("dialog");
      await expect(createKey).toBeVisible();
      await expectNoAxeViolations(page, `the Create key dialog (${locale})`, { within: "[role=dialog]" });
      await createKey.locator("input[name=name]").fill(`A11y ${locale} ${Date.now()}`);
      await createKey.locator("select[name=userId]").selectOption({ index: 1 });
      await createKey.locator("button[type=submit]").click();
      await expect(createKey.getByTestId("new-api-key")).toBeVisible();
      await expectNoAxeViolations(page, `the new API key (${locale})`, { within: "[role=dialog]" });
      await page.keyboard.press("Escape");

      // The new user form showing its field errors.
      await visit(page, "/settings/users/new");
      await page.locator("button[type=submit]").click();
      await expect(page.locator("#familyName-error")).toBeVisible();
      await expectNoAxeViolations(page, `/settings/users/new with errors (${locale})`);

      if (locale === "en") {
        await visit(page, "/");
        // An open menu or sheet hides the page from assistive tech (and traps focus), so page-level
        // rules (one main, one h1, aria-hidden-focus) do not apply: check the popup itself.
        await openUserMenu(page);
        await expectNoAxeViolations(page, "the open user menu", { within: "[role=menu]" });
        await page.keyboard.press("Escape");
        if (isPhoneLayout(page)) {
          await page.getByRole("button", { name: "Open menu" }).click();
          await expect(page.getByRole("dialog")).toBeVisible();
          await expectNoAxeViolations(page, "the phone navigation sheet", { within: "[role=dialog]" });
        }
      }
      expect(cspViolations, "Content-Security-Policy violations").toEqual([]);
      await page.context().close();
    });
  });
}
