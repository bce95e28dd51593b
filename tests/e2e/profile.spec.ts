import { expect, test, type Page } from "@playwright/test";
import { answered, createUserAsAdmin, expectPath, newContext, openNav, openUserMenu, signIn, signedInPage, userMenuName, userMenuTrigger } from "./support/app";
import { hungarianName } from "./support/users";

// A 1×1 PNG: one half-transparent green pixel.
const tinyPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

async function openProfile(page: Page): Promise<void> {
  await page.goto("/profile");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

test("a user edits their own names and signature", async ({ browser }, testInfo) => {
  const user = await createUserAsAdmin(browser, testInfo, { tag: "profile" });
  const page = await signedInPage(browser, user.email, user.password);
  await openProfile(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Profile");
  await expect(page.getByText(`You sign in as ${user.email}.`)).toBeVisible();

  const signature = "Best regards,\n**Júlia Szerkesztett**";
  await page.getByLabel("Family name").fill("Szerkesztett");
  await page.getByLabel("Given name").fill("Júlia");
  await page.getByLabel("Email signature").fill(signature);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Saved.");

  await page.reload();
  await expect(page.getByLabel("Family name")).toHaveValue("Szerkesztett");
  await expect(page.getByLabel("Given name")).toHaveValue("Júlia");
  await expect(page.getByLabel("Email signature")).toHaveValue(signature);
  await expect(userMenuTrigger(page)).toHaveAccessibleName(userMenuName("Júlia Szerkesztett"));
  await page.context().close();
});

test("switching the language to Magyar in the user menu turns the UI Hungarian", async ({ browser }, testInfo) => {
  const user = await createUserAsAdmin(browser, testInfo, { tag: "language" });
  const page = await signedInPage(browser, user.email, user.password);
  await openProfile(page);
  await expect(userMenuTrigger(page)).toHaveAccessibleName(userMenuName(user.name));

  const menu = await openUserMenu(page);
  await expect(menu.getByRole("menuitemradio", { name: "English" })).toBeChecked();
  await menu.getByRole("menuitemradio", { name: "Magyar" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Profil");
  await expect(page.locator("html")).toHaveAttribute("lang", "hu");
  // Hungarian puts the family name first.
  await expect(userMenuTrigger(page)).toHaveAccessibleName(userMenuName(hungarianName(user), "hu"));
  await expect(page.getByRole("img", { name: hungarianName(user) })).toBeVisible();
  const nav = await openNav(page, "Menü megnyitása", "Fő");
  await expect(nav.getByRole("link", { name: "Kezdőlap" })).toBeVisible();

  // It is the user's setting, not the tab's: a reload keeps it.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Üdv újra, ${user.givenName}`);
  await page.context().close();
});

test("a user uploads a PNG picture, and a text file posing as one is refused", async ({ browser }, testInfo) => {
  const user = await createUserAsAdmin(browser, testInfo, { tag: "avatar" });
  const page = await signedInPage(browser, user.email, user.password);
  await openProfile(page);
  const picture = page.locator(`img[alt="${user.name}"]`);
  await expect(picture).toHaveCount(0);

  await page.getByLabel("Profile picture").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: tinyPng });
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Picture saved.");
  // Radix shows the <img> only once the picture has loaded from the server.
  await expect(picture).toBeVisible();

  await page
    .getByLabel("Profile picture")
    .setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("These are notes, not a picture.\n") });
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expect(page.locator("#avatar-error")).toHaveText("Choose a PNG, JPEG or WebP picture.");
  await expect(page.getByLabel("Profile picture")).toHaveAttribute("aria-invalid", "true");

  await page.reload();
  await expect(picture).toBeVisible();
  await page.context().close();
});

async function fillPasswordForm(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel("Current password").fill(current);
  // "New password" is also the start of "New password again": reach the two by id.
  await page.locator("#newPassword").fill(next);
  await page.locator("#confirmPassword").fill(next);
}

/** Sends the password form and waits for the server's answer. */
async function submitPasswordForm(page: Page): Promise<void> {
  await answered(page, () => page.getByRole("button", { name: "Change password" }).click());
}

test("changing the password signs out the other sessions but not this one", async ({ browser }, testInfo) => {
  test.slow(); // three browsers, four sign-ins (each an argon2 hash on a 2-core runner)
  const user = await createUserAsAdmin(browser, testInfo, { tag: "password" });
  const page = await signedInPage(browser, user.email, user.password);
  const otherSession = await signedInPage(browser, user.email, user.password);
  await openProfile(page);

  await fillPasswordForm(page, "not-my-password", "brand-new-password-1");
  await submitPasswordForm(page);
  await expect(page.locator("#currentPassword-error")).toHaveText("The current password is not correct.");
  await expect(page.getByLabel("Current password")).toHaveValue("not-my-password");
  await expect(page.locator("#newPassword")).toHaveValue("brand-new-password-1");

  await fillPasswordForm(page, user.password, "brand-new-password-1");
  await submitPasswordForm(page);

  await otherSession.goto("/profile");
  await expectPath(otherSession, "/login");
  await otherSession.context().close();

  await page.goto("/profile");
  await expectPath(page, "/profile");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Profile");

  const fresh = await newContext(browser, "signedOut");
  const freshPage = await fresh.newPage();
  await signIn(freshPage, user.email, "brand-new-password-1");
  await expect(freshPage.getByRole("heading", { level: 1 })).toHaveText(`Good to see you, ${user.givenName}`);
  await fresh.close();
  await page.context().close();
});

test("after a password change the profile page confirms it", async ({ browser }, testInfo) => {
  const user = await createUserAsAdmin(browser, testInfo, { tag: "password-note" });
  const page = await signedInPage(browser, user.email, user.password);
  await openProfile(page);
  await fillPasswordForm(page, user.password, "brand-new-password-2");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Password changed. Other sessions were signed out.", {
    timeout: 5_000,
  });
  await expectPath(page, "/profile");
  await expect(page.locator("#newPassword")).toHaveValue("");
  await page.context().close();
});
