import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectPath, isPhoneLayout, newContext, openNav, pathOf } from "./support/app";
import { demoUsers, englishName, storageStateOf } from "./support/users";
import { expectNoAxeViolations } from "./support/axe";

test.beforeEach(async ({ page }) => {
  // Entry animations would catch axe mid-fade (colour contrast); the app honours reduced motion.
  await page.emulateMedia({ reducedMotion: "reduce" });
});

test.describe("Settings → Workspace", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("an admin sees the workspace's settings, and a bad currency or address is named", async ({ page }) => {
    await page.goto("/");
    const nav = await openNav(page);
    await nav.getByRole("link", { name: "Workspace" }).click();
    await expectPath(page, "/settings/workspace");
    await expect(page.getByRole("heading", { level: 1, name: "Workspace" })).toBeVisible();
    const form = page.getByTestId("workspace-form");
    await expect(form.getByLabel("Time zone")).toHaveValue("Europe/Budapest");
    await expect(form.getByLabel("Default currency")).toHaveValue("HUF");
    await expect(form.getByLabel("Keep trashed datasheets for (days)")).toHaveValue("30");
    await expectNoAxeViolations(page, "Settings → Workspace");

    // Checked before anything is sent.
    await form.getByLabel("Default currency").fill("XYZ");
    await form.getByLabel("Reply-to address").fill("not an address");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.locator("#currency-error")).toHaveText("Enter a three-letter currency code, such as HUF or EUR.");
    await expect(form.locator("#emailReplyTo-error")).toHaveText("Enter a valid email address.");
    await expectNoAxeViolations(page, "Settings → Workspace with errors");
  });

  // The workspace is every spec's: one project saves (the other would race it), and puts it back.
  test("an admin saves the sender of outgoing email and backs the database up", async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "saved once, by the desktop project");
    await page.goto("/settings/workspace");
    const form = page.getByTestId("workspace-form");
    await form.getByLabel("Sender name").fill("Demo Bútor ügyfélszolgálat");
    await form.getByLabel("Reply-to address").fill("Iroda@Demo.test");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("form-success")).toHaveText("Saved.");
    await page.reload();
    await expect(form.getByLabel("Sender name")).toHaveValue("Demo Bútor ügyfélszolgálat");
    await expect(form.getByLabel("Reply-to address")).toHaveValue("iroda@demo.test");
    await form.getByLabel("Sender name").fill("");
    await form.getByLabel("Reply-to address").fill("");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("form-success")).toHaveText("Saved.");
    // The running app backs its own folder up.
    const backups = page.getByTestId("backups");
    await backups.getByRole("button", { name: "Back up now" }).click();
    await expect(backups.getByText("Backup written.")).toBeVisible();
    await expect(backups.getByText(/^Last backup: .+, [\d.,]+ MB\.$/)).toBeVisible();
  });

  test("a manager finds no workspace settings: no nav link, and the URL names nothing", async ({ browser }) => {
    const context = await newContext(browser, "manager");
    const page = await context.newPage();
    await page.goto("/");
    const nav = await openNav(page);
    await expect(nav.getByRole("link", { name: "Trash" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Workspace" })).toHaveCount(0);
    const response = await page.goto("/settings/workspace");
    expect(response?.status()).toBe(404);
    await context.close();
  });
});

let sequence = 0;
function uniqueName(testInfo: TestInfo, label: string): string {
  sequence += 1;
  return `${label} ${testInfo.project.name} ${Date.now()}-${testInfo.workerIndex}-${sequence} Kft.`;
}

/** New client from the app shell in the demo's Customer service module, moved to the trash; returns its path. */
async function createAndTrash(page: Page, name: string): Promise<string> {
  await page.goto("/");
  await page.getByRole("button", { name: "New client" }).filter({ visible: true }).click();
  const dialog = page.getByRole("dialog", { name: "New client" });
  await dialog.getByLabel("Company name").fill(name);
  await dialog.getByTestId("contact-row").first().getByLabel("Name").fill("Kuka Kata");
  await dialog.getByLabel("Module").selectOption({ label: "Customer service" });
  await dialog.getByRole("button", { name: "Create client" }).click();
  await expectPath(page, /^\/datasheets\/[0-9a-f-]{36}$/);
  const path = pathOf(page);
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Move to trash" }).click();
  await page.getByRole("dialog", { name: "Move this datasheet to the trash?" }).getByRole("button", { name: "Move to trash" }).click();
  await expectPath(page, /^\/modules\/[0-9a-f-]{36}$/);
  return path;
}

test.describe("the Trash", () => {
  test.use({ storageState: storageStateOf("normal") });

  test("a normal user restores what they trashed; an admin deletes it forever; a manager may not", async ({ page, browser }, testInfo) => {
    const name = uniqueName(testInfo, "Lomtár");
    const path = await createAndTrash(page, name);
    expect((await page.goto(path))?.status()).toBe(404);

    await page.goto("/");
    const nav = await openNav(page);
    await nav.getByRole("link", { name: "Trash" }).click();
    await expectPath(page, "/trash");
    await expect(page.getByRole("heading", { level: 1, name: "Trash" })).toBeVisible();
    const entry = page.getByTestId("trash-entry").filter({ hasText: name });
    await expect(entry).toHaveCount(1);
    await expect(entry.getByText(englishName(demoUsers.normal)).filter({ visible: true })).toHaveCount(1);
    // A normal user empties no trash.
    await expect(entry.getByRole("button", { name: `Delete ${name} forever` })).toHaveCount(0);
    await expectNoAxeViolations(page, "the trash");

    await entry.getByRole("button", { name: `Restore ${name}` }).click();
    const notice = page.getByTestId("restored");
    await expect(notice).toContainText(`${name} is back.`);
    await expect(entry).toHaveCount(0);
    await expectNoAxeViolations(page, "the trash after a restore");
    await notice.getByRole("link", { name: `Open ${name}` }).click();
    await expectPath(page, path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByTestId("contacts").getByText("Kuka Kata")).toBeVisible();

    // Trashed again: the manager sees it but may not delete it forever; the admin does.
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Move to trash" }).click();
    await page.getByRole("dialog", { name: "Move this datasheet to the trash?" }).getByRole("button", { name: "Move to trash" }).click();
    await expectPath(page, /^\/modules\/[0-9a-f-]{36}$/);

    const manager = await (await newContext(browser, "manager")).newPage();
    await manager.goto("/trash");
    const managersEntry = manager.getByTestId("trash-entry").filter({ hasText: name });
    await expect(managersEntry).toHaveCount(1);
    await expect(managersEntry.getByRole("button", { name: `Restore ${name}` })).toBeVisible();
    await expect(managersEntry.getByRole("button", { name: `Delete ${name} forever` })).toHaveCount(0);
    await manager.context().close();

    const admin = await (await newContext(browser, "admin")).newPage();
    await admin.emulateMedia({ reducedMotion: "reduce" });
    await admin.goto("/trash");
    const adminsEntry = admin.getByTestId("trash-entry").filter({ hasText: name });
    await adminsEntry.getByRole("button", { name: `Delete ${name} forever` }).click();
    const confirm = admin.getByRole("dialog", { name: `Delete ${name} forever?` });
    await expect(confirm.getByText("This cannot be undone.")).toBeVisible();
    await expectNoAxeViolations(admin, "the Delete forever dialog", { within: "[role=dialog]" });
    if (isPhoneLayout(admin)) await expect(confirm).toBeInViewport();
    await confirm.getByRole("button", { name: "Delete forever" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(adminsEntry).toHaveCount(0);
    await admin.context().close();

    await page.goto("/trash");
    await expect(page.getByTestId("trash-entry").filter({ hasText: name })).toHaveCount(0);
    expect((await page.goto(path))?.status()).toBe(404);
  });
});
