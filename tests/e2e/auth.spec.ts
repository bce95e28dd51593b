import { expect, test } from "@playwright/test";
import { expectPath, signIn, signOut, submitLogin, userMenuName, userMenuTrigger } from "./support/app";
import { DEMO_PASSWORD, demoUsers, englishName, signedOut } from "./support/users";

const GENERIC_LOGIN_ERROR = "The email or the password is not correct.";

test.use({ storageState: signedOut });

test.describe("sign-in", () => {
  test("a wrong password shows the generic message and keeps the typed email", async ({ page }) => {
    await submitLogin(page, demoUsers.normal.email, "not-the-password");
    await expect(page.getByTestId("login-error")).toHaveText(GENERIC_LOGIN_ERROR);
    await expect(page.getByLabel("Email")).toHaveValue(demoUsers.normal.email);
    await expectPath(page, "/login");
  });

  test("an unknown email shows the same message", async ({ page }) => {
    await submitLogin(page, "nobody-here@demo.test", DEMO_PASSWORD);
    await expect(page.getByTestId("login-error")).toHaveText(GENERIC_LOGIN_ERROR);
    await expect(page.getByLabel("Email")).toHaveValue("nobody-here@demo.test");
  });

  test("the right password lands on the home page with the user's name", async ({ page }) => {
    const user = demoUsers.manager;
    await signIn(page, user.email, DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Good to see you, ${user.givenName}`);
    await expect(userMenuTrigger(page)).toHaveAccessibleName(userMenuName(englishName(user)));
  });

  test("signing out returns to the sign-in page and the app stays closed", async ({ page }) => {
    await signIn(page, demoUsers.restricted.email, DEMO_PASSWORD);
    await signOut(page);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.goto("/");
    await expectPath(page, "/login");
  });

  test("a copy of the session cookie kept from before signing out opens nothing; the user's other sessions stay", async ({ page, browser }) => {
    await signIn(page, demoUsers.restricted.email, DEMO_PASSWORD);
    const other = await browser.newContext({ storageState: signedOut });
    const replay = await browser.newContext({ storageState: await page.context().storageState() });
    try {
      const otherPage = await other.newPage();
      await signIn(otherPage, demoUsers.restricted.email, DEMO_PASSWORD);
      // The copy is what a request still on its way at sign-out would set again, or what someone took.
      await signOut(page);

      const again = await replay.newPage();
      await again.goto("/");
      await expectPath(again, "/login");
      await otherPage.goto("/mailbox");
      await expectPath(otherPage, "/mailbox");
    } finally {
      await replay.close();
      await other.close();
    }
  });

  test("signing out through Auth.js's own route (POST /api/auth/signout) ends the session too: a kept copy of the cookie opens nothing", async ({
    page,
    browser,
  }) => {
    await signIn(page, demoUsers.manager.email, DEMO_PASSWORD);
    const replay = await browser.newContext({ storageState: await page.context().storageState() });
    try {
      // As its confirmation page's button does (posted here directly: that page names the server's
      // own host, localhost, where this browser's cookies for 127.0.0.1 do not go).
      const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      expect((await page.request.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 })).status()).toBe(302);
      await page.goto("/");
      await expectPath(page, "/login");

      const again = await replay.newPage();
      await again.goto("/");
      await expectPath(again, "/login");
    } finally {
      await replay.close();
    }
  });

  test("a signed-out visit to a settings page goes to the sign-in page", async ({ page }) => {
    await page.goto("/settings/users");
    await expectPath(page, "/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  });
});
