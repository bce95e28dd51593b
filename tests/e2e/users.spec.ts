import { expect, test, type Page } from "@playwright/test";
import {
  answered,
  acceptInvitation,
  createUserAsAdmin,
  expectPath,
  invitationPathFor,
  newContext,
  openNav,
  pathOf,
  signIn,
  signedInPage,
  submitLogin,
  uniqueEmail,
} from "./support/app";
import { demoUsers, englishName, storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("admin") });

/** Server actions are POSTs carrying a `next-action` header. */
function recordServerActions(page: Page): string[] {
  const calls: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) calls.push(request.url());
  });
  return calls;
}

async function saveRole(page: Page, role: string): Promise<void> {
  await page.getByLabel("Role").selectOption(role);
  // "Saved." may still be on screen from the last save: wait for this save's answer.
  await answered(page, () => page.getByRole("button", { name: "Save" }).click());
  await expect(page.getByTestId("form-success")).toHaveText("Saved.");
}

test("Settings → Users lists the current users", async ({ page }) => {
  await page.goto("/");
  const nav = await openNav(page);
  await nav.getByRole("link", { name: "Users" }).click();
  await expectPath(page, "/settings/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  const current = page.getByTestId("current-users");
  for (const user of Object.values(demoUsers)) {
    await expect(current.getByRole("link", { name: englishName(user) })).toBeVisible();
    // Email and role have columns of their own on a desktop and sit under the name on a phone.
    await expect(current.getByText(user.email).filter({ visible: true })).toHaveCount(1);
  }
  for (const [email, role] of [
    [demoUsers.admin.email, "Administrator"],
    [demoUsers.restricted.email, "Restricted"],
  ]) {
    const row = current.getByRole("row").filter({ hasText: email });
    // The badge on a desktop; "email · role" on a phone.
    await expect(row.getByText(new RegExp(`(^| · )${role}$`)).filter({ visible: true })).toHaveCount(1);
  }
});

test("the New user form shows field errors and keeps what was typed", async ({ page }) => {
  await page.goto("/settings/users");
  await page.getByRole("link", { name: "New user" }).click();
  await expectPath(page, "/settings/users/new");
  const serverActions = recordServerActions(page);

  // No password field: the new user chooses one through the invitation.
  await expect(page.getByLabel("Initial password")).toHaveCount(0);
  const email = page.getByLabel("Login email");
  await email.fill("not-an-email");
  await page.getByRole("button", { name: "Create and invite" }).click();

  await expect(page.locator("#familyName-error")).toHaveText("Required.");
  await expect(page.locator("#givenName-error")).toHaveText("Required.");
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address.");
  await expect(page.getByLabel("Family name")).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveValue("not-an-email");
  // Checked in the browser with the server's schema: nothing was sent.
  expect(serverActions).toEqual([]);

  // An address that is taken is only known to the server.
  await page.getByLabel("Family name").fill("Második");
  await page.getByLabel("Given name").fill("Béla");
  await email.fill(demoUsers.normal.email.toUpperCase());
  await page.getByLabel("Role").selectOption("manager");
  await page.getByRole("button", { name: "Create and invite" }).click();

  await expect(page.locator("#email-error")).toHaveText("A user with this email already exists.");
  expect(serverActions).toHaveLength(1);
  await expect(page.locator("#familyName-error")).toHaveCount(0);
  await expect(page.getByLabel("Family name")).toHaveValue("Második");
  await expect(page.getByLabel("Given name")).toHaveValue("Béla");
  await expect(email).toHaveValue(demoUsers.normal.email.toUpperCase());
  await expect(page.getByLabel("Role")).toHaveValue("manager");
  await expectPath(page, "/settings/users/new");
});

test("a created user is invited, can be invited again, and signs in with the password they chose", async ({ page, browser }, testInfo) => {
  test.slow(); // two invitations read in the mailbox, then a second browser
  const email = uniqueEmail(testInfo, "created");
  const password = "first-password-123";
  await page.goto("/settings/users/new");
  await page.getByLabel("Family name").fill("Újonc");
  await page.getByLabel("Given name").fill("Zsófia");
  await page.getByLabel("Login email").fill(email);
  await page.getByLabel("Role").selectOption("restricted");
  await page.getByRole("button", { name: "Create and invite" }).click();

  await expect(page.getByTestId("user-created")).toHaveText(`The user was created and an invitation was sent to ${email}.`);
  // Read only now: /settings/users/new matches the pattern too, until the redirect lands.
  await expectPath(page, /^\/settings\/users\/(?!new$)[^/]+$/);
  const userUrl = pathOf(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Zsófia Újonc");
  await expect(page.getByText("Invited", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Role")).toHaveValue("restricted");

  await page.goto("/settings/users");
  const row = page.getByTestId("current-users").getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Restricted");
  await expect(row).toContainText("Invited");

  // A second invitation replaces the first link.
  const firstLink = await invitationPathFor(page, email);
  await page.goto(userUrl);
  await page.getByRole("button", { name: "Resend invitation" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("A new invitation was sent.");
  const secondLink = await invitationPathFor(page, email);
  expect(secondLink).not.toBe(firstLink);

  const context = await newContext(browser, "signedOut");
  const userPage = await context.newPage();
  await userPage.goto(firstLink);
  await expect(userPage.getByTestId("link-invalid")).toBeVisible();
  await acceptInvitation(userPage, secondLink, password);
  await expect(userPage.getByRole("heading", { level: 1 })).toHaveText("Good to see you, Zsófia");
  await context.close();
  await (await signedInPage(browser, email, password)).context().close();

  await page.goto(userUrl);
  await expect(page.getByText("Invited", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Resend invitation" })).toHaveCount(0);
});

test("a role change applies at the user's next request", async ({ page, browser }, testInfo) => {
  test.slow(); // a user created through the admin's pages, then a second browser signing in
  const user = await createUserAsAdmin(browser, testInfo, { role: "normal", tag: "role" });
  const userPage = await signedInPage(browser, user.email, user.password);
  let nav = await openNav(userPage);
  await expect(nav.getByRole("link", { name: "Home" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);

  await page.goto(`/settings/users/${user.id}`);
  await saveRole(page, "admin");

  await userPage.reload();
  nav = await openNav(userPage);
  await nav.getByRole("link", { name: "Users" }).click();
  await expectPath(userPage, "/settings/users");
  await expect(userPage.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();

  await saveRole(page, "normal");
  await userPage.goto("/settings/users");
  await expect(userPage.getByRole("heading", { level: 1 })).toHaveText("Not found");
  await userPage.context().close();
});

test("a deactivated user is signed out, listed as former, and cannot sign in until reactivated", async ({ page, browser }, testInfo) => {
  test.slow(); // a user created through the admin's pages, then a second browser signing in and out
  const user = await createUserAsAdmin(browser, testInfo, { role: "manager", tag: "deactivate" });
  const userPage = await signedInPage(browser, user.email, user.password);

  await page.goto(`/settings/users/${user.id}`);
  await page.getByRole("button", { name: "Deactivate user" }).click();
  await expect(page.getByRole("button", { name: "Reactivate user" })).toBeVisible();
  await expect(page.getByText("Deactivated", { exact: true })).toBeVisible();

  // The live session ends at its next navigation.
  await userPage.goto("/profile");
  await expectPath(userPage, "/login");
  await userPage.context().close();

  await page.goto("/settings/users");
  await expect(page.getByTestId("former-users").getByRole("row").filter({ hasText: user.email })).toHaveCount(1);
  await expect(page.getByTestId("current-users").getByRole("row").filter({ hasText: user.email })).toHaveCount(0);

  const context = await newContext(browser, "signedOut");
  const loginPage = await context.newPage();
  await submitLogin(loginPage, user.email, user.password);
  await expect(loginPage.getByTestId("login-error")).toHaveText("The email or the password is not correct.");

  await page.goto(`/settings/users/${user.id}`);
  await page.getByRole("button", { name: "Reactivate user" }).click();
  await expect(page.getByRole("button", { name: "Deactivate user" })).toBeVisible();
  await page.goto("/settings/users");
  await expect(page.getByTestId("current-users").getByRole("row").filter({ hasText: user.email })).toHaveCount(1);

  await signIn(loginPage, user.email, user.password);
  await expect(loginPage.getByRole("heading", { level: 1 })).toHaveText(`Good to see you, ${user.givenName}`);
  await context.close();
});
