import { expect, test, type Page } from "@playwright/test";
import { createModuleInSettings, expectPath, newContext, pathOf } from "./support/app";
import { expectNoAxeViolations } from "./support/axe";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("admin") });

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
});

/** A client of the module with the company's own address; `consent` ticks its newsletter consent. */
async function createClient(page: Page, moduleName: string, name: string, email: string, consent: boolean): Promise<string> {
  await page.goto("/");
  await page.getByRole("button", { name: "New client" }).filter({ visible: true }).click();
  const dialog = page.getByRole("dialog", { name: "New client" });
  await dialog.getByLabel("Company name").fill(name);
  await dialog.getByLabel("Company email").fill(email);
  await dialog.getByRole("combobox", { name: "Module", exact: true }).selectOption({ label: moduleName });
  await dialog.getByRole("button", { name: "Create client" }).click();
  await expectPath(page, /^\/datasheets\/[0-9a-f-]{36}$/);
  const path = pathOf(page);
  if (!consent) return path;
  // The business name opens the company form.
  await page.getByRole("heading", { level: 1 }).getByRole("button", { name }).click();
  const edit = page.getByRole("dialog", { name: "Company data" });
  await edit.getByLabel("Consented to the newsletter").check();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toHaveCount(0);
  return path;
}

test("an admin schedules a newsletter to a status: the consenting client gets it once, with an unsubscribe link; the other is left out", async ({
  page,
}, testInfo) => {
  test.slow();
  const stamp = `${testInfo.project.name} ${Date.now()}`;
  const moduleName = `Newsletter ${stamp}`;
  const yes = `Igen ${stamp} Kft.`;
  const templateName = `Spring ${stamp}`;
  await createModuleInSettings(page, "sales_manual", moduleName);
  const yesPath = await createClient(page, moduleName, yes, `igen-${Date.now()}@example.hu`, true);
  await createClient(page, moduleName, `Nem ${stamp} Kft.`, `nem-${Date.now()}@example.hu`, false);

  await page.goto("/settings/email-templates/new");
  const form = page.getByTestId("template-form");
  await form.getByRole("combobox", { name: "Module", exact: true }).selectOption({ label: moduleName });
  await form.getByRole("textbox", { name: "Name", exact: true }).fill(templateName);
  await form.getByRole("textbox", { name: "Subject", exact: true }).fill("Spring news for {{business.name}}");
  await form.getByRole("textbox", { name: "Text", exact: true }).fill("Dear {{contact.name}},\n\nour spring collection is here.");
  await form.getByRole("button", { name: "Create template" }).click();
  await expectPath(page, /^\/settings\/email-templates\/[0-9a-f-]{36}$/);

  await page.goto("/newsletters");
  await expect(page.getByRole("heading", { level: 1, name: "Newsletters" })).toBeVisible();
  await page.getByRole("button", { name: "Schedule newsletter" }).click();
  const dialog = page.getByRole("dialog", { name: "Schedule a newsletter" });
  await dialog.getByRole("combobox", { name: "Template", exact: true }).selectOption({ label: templateName });
  await dialog.getByRole("combobox", { name: "Send to", exact: true }).selectOption({ label: "Status" });
  await dialog.getByRole("combobox", { name: "Status", exact: true }).selectOption({ label: "Open deals · New lead" });
  // Now, on the browser's clock.
  const now = await page.evaluate(() => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });
  await dialog.getByLabel("When").fill(now);
  await expectNoAxeViolations(page, "the schedule dialog");
  await dialog.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(dialog).toHaveCount(0);

  // The page follows the progress until it is sent.
  const row = page.getByTestId("newsletter").filter({ hasText: templateName });
  await expect(row).toHaveAttribute("data-state", "sent", { timeout: 60_000 });
  await expect(row.getByTestId("newsletter-progress")).toHaveText("1 of 1 done · 1 sent");
  await expect(row.getByText("1 address left out")).toBeVisible();
  await expectNoAxeViolations(page, "the newsletters page");

  // The email is in the outbox, to the consenting client only, with its unsubscribe link.
  await page.goto("/mailbox");
  await page
    .getByRole("link", { name: `Spring news for ${yes}` })
    .first()
    .click();
  await expectPath(page, /^\/mailbox\/[0-9a-f-]{36}$/);
  const frame = page.frameLocator('[data-testid="email-frame"]');
  await expect(frame.getByText("our spring collection is here.")).toBeVisible();
  await expect(frame.getByRole("link", { name: "Unsubscribe" })).toBeVisible();
  await page.goto("/mailbox");
  await expect(page.getByText(`Spring news for Nem ${stamp} Kft.`)).toHaveCount(0);

  // The client's datasheet lists the email.
  await page.goto(yesPath);
  const sent = page.getByTestId("datasheet-emails").getByTestId("datasheet-email");
  await expect(sent).toHaveCount(1);
  await expect(sent.getByRole("link", { name: `Spring news for ${yes}` })).toBeVisible();
});

test("managers schedule newsletters too; a normal user finds none", async ({ browser }) => {
  const manager = await newContext(browser, "manager");
  const page = await manager.newPage();
  expect((await page.goto("/newsletters"))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Newsletters" })).toBeVisible();
  await manager.close();
  const normal = await newContext(browser, "normal");
  const other = await normal.newPage();
  expect((await other.goto("/newsletters"))?.status()).toBe(404);
  await normal.close();
});
