import { expect, test, type Page } from "@playwright/test";
import { expectPath, newContext } from "./support/app";
import { watchCspViolations } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("admin") });

test.beforeEach(async ({ page }) => {
  // Entry animations would catch axe mid-fade (colour contrast); the app honours reduced motion.
  await page.emulateMedia({ reducedMotion: "reduce" });
});

/** A client of its own in the demo's Customer service module, with a contact person whose name needs escaping. */
async function createClient(page: Page, name: string, contact: string): Promise<void> {
  await page.goto("/");
  await page.getByRole("button", { name: "New client" }).filter({ visible: true }).click();
  const dialog = page.getByRole("dialog", { name: "New client" });
  await dialog.getByLabel("Company name").fill(name);
  const row = dialog.getByTestId("contact-row").first();
  await row.getByRole("textbox", { name: "Name", exact: true }).fill(contact);
  await row.getByRole("textbox", { name: "Email", exact: true }).fill(`anna-${Date.now()}@example.hu`);
  await dialog.getByRole("combobox", { name: "Module", exact: true }).selectOption({ label: "Customer service" });
  await dialog.getByRole("button", { name: "Create client" }).click();
  await expectPath(page, /^\/datasheets\/[0-9a-f-]{36}$/);
}

test("an admin writes a template with merge fields, sees a misspelt one named, previews it on a client, saves, deletes and restores it", async ({
  page,
  context,
}, testInfo) => {
  test.slow();
  const stamp = `${testInfo.project.name} ${Date.now()}`;
  const client = `Sablon <Teszt> ${stamp} Kft.`;
  const templateName = `Request received ${stamp}`;
  const cspViolations = await watchCspViolations(context);
  await createClient(page, client, "Kovács *Anna*");

  await page.goto("/settings/email-templates");
  await expect(page.getByRole("heading", { level: 1, name: "Email templates" })).toBeVisible();
  await expectNoAxeViolations(page, "the list");
  await page.getByRole("link", { name: "New template" }).click();
  await expectPath(page, "/settings/email-templates/new");
  await expect(page.getByRole("heading", { level: 1, name: "New email template" })).toBeVisible();

  const form = page.getByTestId("template-form");
  await form.getByRole("combobox", { name: "Module", exact: true }).selectOption({ label: "Customer service" });
  // Nothing typed: each required field says so, and nothing is sent.
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(form.locator("#name-error")).toHaveText("Required.");
  await form.getByRole("textbox", { name: "Name", exact: true }).fill(templateName);
  await form.getByRole("textbox", { name: "Subject", exact: true }).fill("We got your request, {{business.name}}");
  // A misspelt merge field is named as it is typed.
  await form.getByRole("textbox", { name: "Text", exact: true }).fill("Dear {{contact.nmae}},\n\nthank you. Priority: ");
  await expect(page.getByTestId("body-issues")).toHaveText("Unknown merge field {{contact.nmae}}: choose one from the list.");
  await expect(form.getByRole("textbox", { name: "Text", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("template-preview").getByText("Fix the merge fields to see the preview.")).toBeVisible();

  // The picker inserts at the cursor: the module's field after "Priority: ", the signature on its own line.
  const text = form.getByRole("textbox", { name: "Text", exact: true });
  await text.press("End");
  await form.getByRole("button", { name: "Insert Fields of the module: Priority" }).click();
  await expect(text).toHaveValue("Dear {{contact.nmae}},\n\nthank you. Priority: {{field.priority}}");
  await text.fill((await text.inputValue()).replace("contact.nmae", "contact.name") + "\n\n");
  await text.press("End");
  await form.getByRole("button", { name: "Insert Sender: Signature" }).click();
  await expect(page.getByTestId("body-issues")).toHaveCount(0);

  // The live preview, on the client made above: values escaped, the email's layout around it.
  const preview = page.getByTestId("template-preview");
  await preview.getByRole("combobox", { name: "Preview on", exact: true }).selectOption({ label: client });
  await expect(preview.getByTestId("preview-subject")).toHaveText(`We got your request, ${client}`);
  const frame = page.frameLocator('[data-testid="preview-frame"]');
  await expect(frame.getByText("Dear Kovács *Anna*,")).toBeVisible();
  await expect(frame.getByText("Unsubscribe", { exact: true })).toBeVisible();
  await preview.getByText("Plain text version").click();
  await expect(preview.getByTestId("preview-text")).toContainText("Dear Kovács *Anna*,");
  await expectNoAxeViolations(page, "the editor with its preview");

  await form.getByRole("button", { name: "Create template" }).click();
  await expectPath(page, /^\/settings\/email-templates\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: `Edit ${templateName}` })).toBeVisible();
  await expect(form.getByRole("textbox", { name: "Text", exact: true })).toHaveValue(/Priority: \{\{field\.priority\}\}/);

  // An edit is saved quietly; a malformed tag is refused before it is sent.
  await form.getByRole("textbox", { name: "Subject", exact: true }).fill("Your request, {{business.name}}");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("editor-saved")).toHaveText("Saved.");
  await form.getByRole("textbox", { name: "Subject", exact: true }).fill("Your request, {{ business name }}");
  await expect(page.getByTestId("subject-issues")).toHaveText("{{business name}} is not a merge field: write a name such as {{contact.name}}.");

  // Listed; deleted to the trash after a confirmation; restored with one click.
  await page.goto("/settings/email-templates");
  const row = page.getByTestId("email-template").filter({ hasText: templateName });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("Your request, {{business.name}}").filter({ visible: true })).toHaveCount(1);
  await row.getByRole("button", { name: `Delete template ${templateName}` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${templateName}?` });
  await expectNoAxeViolations(page, "the delete confirmation");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row).toHaveCount(0);
  const trash = page.getByTestId("email-templates-trash");
  await trash.getByRole("button", { name: `Restore template ${templateName}` }).click();
  await expect(page.getByTestId("email-template").filter({ hasText: templateName })).toHaveCount(1);
  await expect(trash.getByText(templateName)).toHaveCount(0);
  expect(cspViolations, "Content-Security-Policy violations").toEqual([]);
});

test("a manager finds no email templates: the URLs name nothing", async ({ browser }) => {
  const context = await newContext(browser, "manager");
  const page = await context.newPage();
  for (const path of ["/settings/email-templates", "/settings/email-templates/new"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
  }
  await context.close();
});
