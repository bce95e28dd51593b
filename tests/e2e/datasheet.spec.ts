import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { createUserAsAdmin, expectPath, newContext, pathOf, signedInPage } from "./support/app";
import { expectNoAxeViolations } from "./support/axe";
import { storageStateOf } from "./support/users";

let sequence = 0;
function uniqueName(testInfo: TestInfo, label: string): string {
  sequence += 1;
  return `${label} ${testInfo.project.name} ${Date.now()}-${testInfo.workerIndex}-${sequence} Kft.`;
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  const file = path.join(testInfo.project.outputDir, "screenshots", `${testInfo.project.name}-datasheet-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
}

test.beforeEach(async ({ page }) => {
  // Entry animations would catch axe mid-fade (colour contrast); the app honours reduced motion.
  await page.emulateMedia({ reducedMotion: "reduce" });
});

/** New client from the app shell, in the demo's Customer service module; returns the datasheet's path. */
async function createClient(
  page: Page,
  name: string,
  options: { contact?: { name: string; email: string }; responsible?: string; testInfo?: TestInfo } = {},
): Promise<string> {
  await page.goto("/");
  await page.getByRole("button", { name: "New client" }).filter({ visible: true }).click();
  const dialog = page.getByRole("dialog", { name: "New client" });
  await dialog.getByLabel("Company name").fill(name);
  await dialog.getByLabel("Company email").fill("iroda@example.hu");
  if (options.contact) {
    const row = dialog.getByTestId("contact-row").first();
    await row.getByLabel("Name").fill(options.contact.name);
    await row.getByLabel("Email").fill(options.contact.email);
  }
  await dialog.getByLabel("Module").selectOption({ label: "Customer service" });
  if (options.responsible !== undefined) await dialog.getByLabel("Responsible").selectOption({ label: options.responsible });
  if (options.testInfo) await screenshot(page, options.testInfo, "new-client");
  await dialog.getByRole("button", { name: "Create client" }).click();
  await expectPath(page, /^\/datasheets\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  return pathOf(page);
}

test.describe("a normal user", () => {
  test.use({ storageState: storageStateOf("normal") });

  test("creates a client with a contact, adds a todo, marks it done, sees it in the history and adds the next one", async ({ page }, testInfo) => {
    const name = uniqueName(testInfo, "Diófa Bútor");
    await createClient(page, name, { contact: { name: "Kiss Anna", email: "anna@diofa.hu" }, testInfo });

    const contacts = page.getByTestId("contacts");
    await expect(contacts.getByText("Kiss Anna")).toBeVisible();
    await expect(contacts.getByRole("link", { name: "anna@diofa.hu" })).toHaveAttribute("href", "mailto:anna@diofa.hu");

    const history = page.getByTestId("client-history");
    await history.getByRole("button", { name: "Todo", exact: true }).click();
    const form = page.getByTestId("todo-form");
    await form.getByLabel("Todo").fill("Send the quote for the oak table");
    await form.getByRole("button", { name: "Add todo" }).click();
    const open = page.getByTestId("open-todos");
    await expect(open.getByText("Send the quote for the oak table")).toBeVisible();

    await open.getByRole("button", { name: "Mark “Send the quote for the oak table” done" }).click();
    await expect(page.getByTestId("history").getByText("Send the quote for the oak table")).toBeVisible();
    await expect(page.getByTestId("open-todos")).toHaveCount(0);
    const offer = page.getByTestId("next-todo-offer");
    await expect(offer).toBeVisible();

    await offer.getByRole("button", { name: "Add the next todo" }).click();
    await page.getByTestId("todo-form").getByLabel("Todo").fill("Call back about the delivery date");
    await page.getByTestId("todo-form").getByRole("button", { name: "Add todo" }).click();
    await expect(page.getByTestId("open-todos").getByText("Call back about the delivery date")).toBeVisible();

    // A call logged in the same minute, its time untouched: it happened now, so it is the newest entry.
    await page.getByTestId("client-history").getByRole("button", { name: "Log", exact: true }).click();
    const log = page.getByTestId("log-form");
    await log.getByLabel("What happened").fill("Called about the oak table's finish");
    await log.getByRole("button", { name: "Log it" }).click();
    const entries = page.getByTestId("history").getByRole("listitem");
    await expect(entries.first()).toContainText("Called about the oak table's finish");
    await expect(entries.last()).toContainText("Started in");
    await screenshot(page, testInfo, "datasheet");
    await expectNoAxeViolations(page, "the datasheet page");
    await page.getByRole("button", { name: "New client" }).filter({ visible: true }).click();
    await expectNoAxeViolations(page, "the New client dialog", { within: "[role=dialog]" });
  });

  test("edits fields inline with per-type errors, adds an invoice and marks it paid", async ({ page }, testInfo) => {
    await createClient(page, uniqueName(testInfo, "Mezős"));
    const fields = page.getByTestId("fields");
    await fields.getByRole("button", { name: "Edit" }).click();
    await fields.getByLabel("Priority").selectOption({ label: "Urgent" });
    await fields.getByLabel("Deadline").fill("2026-12-24");
    await fields.getByRole("button", { name: "Save" }).click();
    await expect(fields.getByText("Urgent")).toBeVisible();
    await expect(fields.getByText("Dec 24, 2026")).toBeVisible();

    await page.getByTestId("invoices").getByRole("button", { name: "Add" }).click();
    const dialog = page.getByRole("dialog", { name: "New invoice" });
    await dialog.getByLabel("Invoice number").fill(`E2E-${Date.now()}-${testInfo.project.name}`);
    await dialog.getByLabel("Amount").fill("12.345");
    await dialog.getByRole("button", { name: "Add" }).click();
    await expect(dialog.getByText("Enter an amount with at most two decimals")).toBeVisible();
    await dialog.getByLabel("Amount").fill("125000");
    await dialog.getByRole("button", { name: "Add" }).click();
    const invoices = page.getByTestId("invoices");
    await expect(invoices.getByText(/125,000/)).toBeVisible();
    await invoices.getByRole("button", { name: /^Mark invoice .* paid today$/ }).click();
    await expect(invoices.getByText(/^Paid /)).toBeVisible();
    await screenshot(page, testInfo, "fields-invoices");
  });

  test("keeps the page and what was typed when a dialog's code cannot be downloaded, and opens it on the next try", async ({ page }, testInfo) => {
    await createClient(page, uniqueName(testInfo, "Tölgy"));
    await page.getByTestId("client-history").getByRole("button", { name: "Todo", exact: true }).click();
    const todo = page.getByTestId("todo-form").getByLabel("Todo");
    await todo.fill("Typed before the connection dropped");

    const chunks = /\/_next\/static\/chunks\/.+\.js/;
    await page.route(chunks, (route) => route.abort("internetdisconnected"));
    const invoices = page.getByTestId("invoices");
    await invoices.getByRole("button", { name: "Add" }).click();
    await expect(invoices.getByRole("alert")).toHaveText("Could not load this. Check the connection and try again.");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(todo).toHaveValue("Typed before the connection dropped");

    await page.unroute(chunks);
    await invoices.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("dialog", { name: "New invoice" })).toBeVisible();
    await expect(invoices.getByRole("alert")).toHaveCount(0);
    await page.keyboard.press("Escape");
    await expect(todo).toHaveValue("Typed before the connection dropped");
  });

  test("sees each bad field next to it in New client", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "New client" }).filter({ visible: true }).click();
    const dialog = page.getByRole("dialog", { name: "New client" });
    await dialog.getByLabel("Company email").fill("not-an-email");
    await dialog.getByRole("button", { name: "Create client" }).click();
    await expect(dialog.getByText("Required.").first()).toBeVisible();
    await expect(dialog.getByText("Enter a valid email address.")).toBeVisible();
    await expectPath(page, "/");
  });
});

test("every history entry shows its author's picture beside the name, the initials when there is none", async ({ browser }, testInfo) => {
  test.slow(); // a new user: an invitation and two sign-ins
  const user = await createUserAsAdmin(browser, testInfo, { tag: "history-picture", familyName: "Képes", givenName: "Lili" });
  const page = await signedInPage(browser, user.email, user.password);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/profile");
  // A 1×1 PNG: one half-transparent green pixel.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  await page.getByLabel("Profile picture").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Picture saved.");

  const datasheetPath = await createClient(page, uniqueName(testInfo, "Képkeret"));
  await page.getByTestId("client-history").getByRole("button", { name: "Log", exact: true }).click();
  await page.getByTestId("log-form").getByLabel("What happened").fill("Asked for a frame sample");
  await page.getByTestId("log-form").getByRole("button", { name: "Log it" }).click();
  const entries = page.getByTestId("history").getByRole("listitem");
  await expect(entries.first()).toContainText("Asked for a frame sample");
  await expect(entries.last()).toContainText("Started in");
  // Every entry is the user's: the picture (decorative, the name is beside it) at a fixed size.
  for (const author of await entries.getByTestId("history-author").all()) {
    await expect(author).toHaveText(user.name);
    const picture = author.locator("img");
    await expect(picture).toBeVisible();
    await expect(picture).toHaveAttribute("alt", "");
    await expect(picture).toHaveAttribute("src", new RegExp(`^/api/avatars/${user.id}\\?v=\\d+$`));
    expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const box = (await picture.boundingBox())!;
    expect([box.width, box.height]).toEqual([20, 20]);
  }
  await expectNoAxeViolations(page, "the datasheet with pictures in its history", { within: "[data-testid=client-history]" });
  await page.context().close();

  // A colleague with no picture: the initials the avatar draws, beside the name.
  const colleague = await (await newContext(browser, "normal")).newPage();
  await colleague.goto(datasheetPath);
  await colleague.getByTestId("client-history").getByRole("button", { name: "Log", exact: true }).click();
  await colleague.getByTestId("log-form").getByLabel("What happened").fill("Sent the frame sample");
  await colleague.getByTestId("log-form").getByRole("button", { name: "Log it" }).click();
  const newest = colleague.getByTestId("history").getByRole("listitem").first();
  await expect(newest).toContainText("Sent the frame sample");
  const author = newest.getByTestId("history-author");
  await expect(author).toHaveText("Eszter Szabó");
  await expect(author.locator("img")).toHaveCount(0);
  await expect(author.locator("[data-initials]")).toHaveAttribute("data-initials", "ES");
  await colleague.context().close();
});

test.describe("a manager", () => {
  test.use({ storageState: storageStateOf("manager") });

  test("edits the company, hands the client over, edits and removes a contact, and moves the datasheet to the trash", async ({ page }, testInfo) => {
    const name = uniqueName(testInfo, "Fenyő Asztalos");
    const datasheetPath = await createClient(page, name, { contact: { name: "Tóth Béla", email: "bela@fenyo.hu" } });

    // The business name opens the company form.
    await page.getByRole("heading", { level: 1 }).getByRole("button", { name }).click();
    const company = page.getByRole("dialog", { name: "Company data" });
    await company.getByLabel("City").fill("Kecskemét");
    await company.getByRole("button", { name: "Save" }).click();
    await expect(company).toHaveCount(0);
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Edit company data" }).click();
    await expect(page.getByRole("dialog", { name: "Company data" }).getByLabel("City")).toHaveValue("Kecskemét");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog", { name: "Company data" })).toHaveCount(0);

    // The responsible picker lists the team.
    await page.getByRole("button", { name: "Responsible: Péter Nagy. Change" }).click();
    await page.getByRole("menuitemradio", { name: "Eszter Szabó" }).click();
    await expect(page.getByRole("button", { name: "Responsible: Eszter Szabó. Change" })).toBeVisible();

    const contacts = page.getByTestId("contacts");
    await contacts.getByRole("button", { name: "Edit Tóth Béla" }).click();
    const edit = page.getByRole("dialog", { name: "Edit contact person" });
    await edit.getByLabel("Position").fill("Ügyvezető");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(contacts.getByText("Ügyvezető")).toBeVisible();
    await contacts.getByRole("button", { name: "Remove Tóth Béla" }).click();
    await page.getByRole("dialog", { name: "Remove Tóth Béla from the contacts?" }).getByRole("button", { name: "Remove" }).click();
    await expect(contacts.getByText("No contact persons yet.")).toBeVisible();

    await page.reload();
    await expect(page.getByRole("button", { name: "Responsible: Eszter Szabó. Change" })).toBeVisible();
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Move to trash" }).click();
    await page.getByRole("dialog", { name: "Move this datasheet to the trash?" }).getByRole("button", { name: "Move to trash" }).click();
    await expectPath(page, /^\/modules\/[0-9a-f-]{36}$/);
    const response = await page.goto(datasheetPath);
    expect(response?.status()).toBe(404);
  });
});

test.describe("a restricted user", () => {
  test.use({ storageState: storageStateOf("restricted") });

  test("cannot open a colleague's datasheet by its URL, but opens an unassigned one", async ({ browser, page }, testInfo) => {
    const admin = await (await newContext(browser, "admin")).newPage();
    const colleagues = await createClient(admin, uniqueName(testInfo, "Kollégáé"), { responsible: "Péter Nagy" });
    const nobodys = await createClient(admin, uniqueName(testInfo, "Senkié"), { responsible: "Nobody" });
    await admin.context().close();

    const response = await page.goto(colleagues);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");

    await page.goto(nobodys);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Senkié");
  });
});
