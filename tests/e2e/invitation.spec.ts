import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectPath, newContext, signIn, submitLogin, uniqueEmail } from "./support/app";
import { expectNoAxeViolations } from "./support/axe";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("admin") });
// Each flow goes through several people's browsers, the mailbox and the background job.
test.describe.configure({ timeout: 120_000 });

/**
 * Pictures of the email pages for people to look at (see screenshots.spec.ts), and axe on each
 * (the app's own page; an email inside the mailbox's frame is the sender's content, not checked).
 */
async function capture(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectNoAxeViolations(page, name);
  const file = path.join(testInfo.project.outputDir, "screenshots", `${testInfo.project.name}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
}

/** Opens the newest email to `address` in the mailbox. */
async function openEmailTo(page: Page, address: string, subject: string): Promise<void> {
  await page.goto("/mailbox");
  const row = page.getByTestId("mailbox-email").filter({ hasText: address }).first();
  await expect(row).toContainText(subject);
  await row.getByRole("link", { name: subject }).click();
  await expectPath(page, /^\/mailbox\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
}

/** The href of a link inside the email as the mailbox shows it (its sandboxed frame). */
async function linkInEmail(page: Page, name: string): Promise<string> {
  const link = page.frameLocator('[data-testid="email-frame"]').getByRole("link", { name });
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  // The email names the app's configured address; the test server answers on 127.0.0.1.
  return new URL(href!).pathname;
}

test("an admin invites a user, the invitation is in the mailbox, its link sets a password, the user signs in", async ({ page, browser }, testInfo) => {
  const email = uniqueEmail(testInfo, "invited");
  const password = "my-own-password-42";
  await page.goto("/settings/users/new");
  await page.getByLabel("Family name").fill("Meghívott");
  await page.getByLabel("Given name").fill("Mária");
  await page.getByLabel("Login email").fill(email);
  await page.getByLabel("Role").selectOption("normal");
  await page.getByRole("button", { name: "Create and invite" }).click();
  await expect(page.getByTestId("user-created")).toBeVisible();

  await openEmailTo(page, email, "You are invited to Demo Bútor Kft.");
  await expect(page.getByTestId("email-details")).toContainText(email);
  const frame = page.frameLocator('[data-testid="email-frame"]');
  await expect(frame.getByRole("heading", { name: "Join Demo Bútor Kft. in the CRM" })).toBeVisible();
  await expect(frame.getByText("Hello Mária Meghívott,")).toBeVisible();
  // The embedded default sends nothing out: the job marks the kept email as sent.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("email-status")).toHaveText("Sent", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await capture(page, testInfo, "mailbox-email");
  const invitePath = await linkInEmail(page, "Choose a password");
  expect(invitePath).toMatch(/^\/invite\/[A-Za-z0-9_-]{40,}$/);

  const context = await newContext(browser, "signedOut");
  const invitee = await context.newPage();
  await invitee.goto(invitePath);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("Welcome to the CRM");
  await expect(invitee.getByText(`Choose a password for ${email}.`)).toBeVisible();
  await capture(invitee, testInfo, "invite");
  // Mistakes are shown next to the fields, and nothing is spent.
  await invitee.getByLabel(/^New password(?! again)/).fill("short");
  await invitee.getByLabel("New password again").fill("different");
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee.locator("#password-error")).toHaveText("Use at least 10 characters.");
  await invitee.getByLabel(/^New password(?! again)/).fill(password);
  await invitee.getByLabel("New password again").fill(password);
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expectPath(invitee, "/");
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("Good to see you, Mária");

  // The link worked once.
  await invitee.goto(invitePath);
  await expect(invitee.getByTestId("link-invalid")).toBeVisible();
  await context.close();
  // Fresh browsers rather than signing out: a request still in flight may renew the old session.
  const later = await (await newContext(browser, "signedOut")).newPage();
  await signIn(later, email, password);
  await later.context().close();

  await page.goto("/mailbox");
  await capture(page, testInfo, "mailbox");
});

test("Forgot password? sends a reset link that replaces the password; an unknown address gets the same answer", async ({ page, browser }, testInfo) => {
  // A user of our own, so the demo users' passwords stay as they are.
  const email = uniqueEmail(testInfo, "forgot");
  await page.goto("/settings/users/new");
  await page.getByLabel("Family name").fill("Feledékeny");
  await page.getByLabel("Given name").fill("Ferenc");
  await page.getByLabel("Login email").fill(email);
  await page.getByRole("button", { name: "Create and invite" }).click();
  await expect(page.getByTestId("user-created")).toBeVisible();
  await openEmailTo(page, email, "You are invited to Demo Bútor Kft.");
  const invitePath = await linkInEmail(page, "Choose a password");

  const invitee = await (await newContext(browser, "signedOut")).newPage();
  await invitee.goto(invitePath);
  await invitee.getByLabel(/^New password(?! again)/).fill("the-first-password-1");
  await invitee.getByLabel("New password again").fill("the-first-password-1");
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expectPath(invitee, "/");
  await invitee.context().close();

  // Fresh browsers rather than signing out: a request still in flight may renew the old session.
  const visitor = await (await newContext(browser, "signedOut")).newPage();
  await visitor.goto("/login");
  await visitor.getByRole("link", { name: "Forgot password?" }).click();
  await expectPath(visitor, "/forgot-password");
  await capture(visitor, testInfo, "forgot-password");
  const answer = "If an account uses this address, a link to choose a new password is on its way. It works for 60 minutes.";
  await visitor.getByLabel("Email").fill(uniqueEmail(testInfo, "nobody"));
  await visitor.getByRole("button", { name: "Send reset link" }).click();
  await expect(visitor.getByTestId("form-success")).toHaveText(answer);
  await visitor.reload();
  await visitor.getByLabel("Email").fill(email.toUpperCase());
  await visitor.getByRole("button", { name: "Send reset link" }).click();
  await expect(visitor.getByTestId("form-success")).toHaveText(answer);

  await openEmailTo(page, email, "Reset your CRM password");
  const resetPath = await linkInEmail(page, "Choose a new password");
  await visitor.goto(resetPath);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Choose a new password");
  await capture(visitor, testInfo, "reset-password");
  await visitor.getByLabel(/^New password(?! again)/).fill("the-second-password-2");
  await visitor.getByLabel("New password again").fill("the-second-password-2");
  await visitor.getByRole("button", { name: "Save password and sign in" }).click();
  await expectPath(visitor, "/");
  await visitor.goto(resetPath);
  await expect(visitor.getByTestId("link-invalid")).toBeVisible();
  await visitor.context().close();

  const later = await (await newContext(browser, "signedOut")).newPage();
  await submitLogin(later, email, "the-first-password-1");
  await expect(later.getByTestId("login-error")).toHaveText("The email or the password is not correct.");
  await signIn(later, email, "the-second-password-2");
  await later.context().close();
});

test("a user without Settings sees only their own mail", async ({ browser }) => {
  const context = await newContext(browser, "normal");
  const page = await context.newPage();
  await page.goto("/mailbox");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mailbox");
  await expect(page.getByText("The emails you sent or received through the CRM, newest first.")).toBeVisible();
  // The invitations of the other tests went to other people.
  await expect(page.getByTestId("mailbox-email").filter({ hasText: "@e2e.test" })).toHaveCount(0);
  await context.close();
});
