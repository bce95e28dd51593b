import { expect, test, type Locator, type Page } from "@playwright/test";
import { createModuleInSettings, expectPath, pathOf } from "./support/app";
import { expectNoAxeViolations } from "./support/axe";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("admin") });

test.beforeEach(async ({ page }) => {
  // Entry animations would catch axe mid-fade (colour contrast); the app honours reduced motion.
  await page.emulateMedia({ reducedMotion: "reduce" });
});

/**
 * A real pointer drag: press, move past dnd's 5 px threshold, glide to the target (worked out once
 * the handle is on screen), release.
 */
async function dragByMouse(page: Page, handle: Locator, target: () => Promise<{ x: number; y: number }>): Promise<void> {
  await handle.scrollIntoViewIfNeeded();
  const box = (await handle.boundingBox())!;
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const to = await target();
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x, start.y + 8, { steps: 4 });
  await page.waitForTimeout(150);
  await page.mouse.move(to.x, to.y, { steps: 25 });
  await page.waitForTimeout(300);
  await page.mouse.up();
  await page.waitForTimeout(300);
}

/** Just inside the top of the step list: a step dropped there goes first. */
async function topOfList(page: Page): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId("step-list").boundingBox())!;
  return { x: box.x + Math.min(60, box.width / 2), y: box.y + 6 };
}

function steps(page: Page): Locator {
  return page.getByTestId("automation-step");
}

test("an admin builds an automation by dragging steps, reorders and removes one, activates it, and a new inquiry gets the email, the todo and 'What happens next'", async ({
  page,
}, testInfo) => {
  test.slow();
  const stamp = `${testInfo.project.name} ${Date.now()}`;
  const moduleName = `Auto ${stamp}`;
  const client = `Automata ${stamp} Kft.`;
  const address = `automata-${testInfo.project.name}-${Date.now()}@example.hu`;
  const todoText = `Call ${client} back`;

  // An automatic sales module of its own: it comes with its default automations, switched off, and their templates.
  const modulePath = await createModuleInSettings(page, "sales_auto", moduleName);
  const moduleId = modulePath.split("/").pop()!;
  await page.goto(`/settings/automations/${moduleId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Automations" })).toBeVisible();
  await expect(page.getByTestId("automation-row")).toHaveCount(3);
  await expect(page.getByTestId("automation-row").first()).toContainText("Switched off");
  await expectNoAxeViolations(page, "the automations of a module");

  await page.getByRole("link", { name: "New automation" }).click();
  await expectPath(page, `/settings/automations/${moduleId}/new`);
  // Dragging needs the page hydrated.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Name", { exact: true }).fill(`Welcome ${stamp}`);
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Awaiting processing" });

  // Three steps dragged from the palette into the list, each to its top.
  for (const kind of ["todo_user", "email_user", "email_client"]) {
    await dragByMouse(page, page.getByTestId(`palette-${kind}`).getByTestId("drag-handle"), () => topOfList(page));
  }
  await expect(steps(page)).toHaveCount(3);
  await expect(steps(page).nth(0)).toHaveAttribute("data-kind", "email_client");
  await expect(steps(page).nth(1)).toHaveAttribute("data-kind", "email_user");
  await expect(steps(page).nth(2)).toHaveAttribute("data-kind", "todo_user");
  await expectNoAxeViolations(page, "the builder");

  // Reorder: the first step dragged below the second.
  await steps(page)
    .nth(0)
    .evaluate((el) => el.scrollIntoView({ block: "center" }));
  await dragByMouse(page, steps(page).nth(0).getByTestId("drag-handle"), async () => {
    const [first, second, handle] = await Promise.all([
      steps(page).nth(0).boundingBox(),
      steps(page).nth(1).boundingBox(),
      steps(page).nth(0).getByTestId("drag-handle").boundingBox(),
    ]);
    // Moving down, dnd passes an item once the dragged one's bottom edge passes its middle.
    const shift = second!.y + second!.height / 2 - (first!.y + first!.height) + 12;
    return { x: handle!.x + handle!.width / 2, y: handle!.y + handle!.height / 2 + shift };
  });
  await expect(steps(page).nth(0)).toHaveAttribute("data-kind", "email_user");
  await expect(steps(page).nth(1)).toHaveAttribute("data-kind", "email_client");

  // Delete one: the email to a user.
  await page.getByRole("button", { name: "Remove step 1" }).click();
  await expect(steps(page)).toHaveCount(2);
  await expect(steps(page).nth(0)).toHaveAttribute("data-kind", "email_client");
  await expect(steps(page).nth(1)).toHaveAttribute("data-kind", "todo_user");

  // Save it incomplete, then Activate names the incomplete step.
  await page.getByRole("button", { name: "Save" }).click();
  await expectPath(page, /^\/settings\/automations\/[^/]+\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByTestId("editor-error")).toHaveText("Step 1 (Email to client) is incomplete: choose a template.");

  await steps(page).nth(0).getByLabel("Template", { exact: true }).selectOption({ label: "We received your request" });
  await steps(page).nth(1).getByLabel("Todo", { exact: true }).fill(todoText);
  await page.getByRole("button", { name: "Save" }).click();
  // Saved, the builder shows the new version: Activate is offered again.
  await expect(page.getByRole("button", { name: "Activate" })).toBeEnabled();
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByTestId("automation-state")).toHaveText("Active");

  // A new inquiry enters Awaiting processing.
  await page.getByRole("button", { name: "New client" }).filter({ visible: true }).click();
  const dialog = page.getByRole("dialog", { name: "New client" });
  await dialog.getByLabel("Company name").fill(client);
  await dialog.getByLabel("Module").selectOption({ label: moduleName });
  const contact = dialog.getByTestId("contact-row").first();
  await contact.getByLabel("Name").fill("Kovács Anna");
  await contact.getByLabel("Email").fill(address);
  await dialog.getByRole("button", { name: "Create client" }).click();
  await expectPath(page, /^\/datasheets\/[0-9a-f-]{36}$/);
  const datasheetPath = pathOf(page);

  // The email is in the mailbox, sent by the automation.
  await expect(async () => {
    await page.goto("/mailbox");
    await expect(page.getByTestId("mailbox-email").filter({ hasText: address }).first()).toContainText("We received your request", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  // On the datasheet: the todo, and the runs in "What happens next".
  await page.goto(datasheetPath);
  await expect(page.getByTestId("open-todos").getByText(todoText)).toBeVisible();
  const next = page.getByTestId("what-happens-next");
  await expect(next.getByTestId("automation-done").getByRole("listitem")).toHaveCount(2);
  await expect(next.getByTestId("automation-done")).toContainText(`Welcome ${stamp}: step 1, email to client`);
  await expect(next.getByTestId("automation-done")).toContainText(`Welcome ${stamp}: step 2, todo for user`);
  await expectNoAxeViolations(page, "the datasheet with What happens next");
});

test("steps are added, moved and removed without dragging, and a trashed automation comes back with one click", async ({ page }, testInfo) => {
  const stamp = `${testInfo.project.name} ${Date.now()}`;
  const modulePath = await createModuleInSettings(page, "sales_manual", `Keys ${stamp}`);
  const moduleId = modulePath.split("/").pop()!;
  await page.goto(`/settings/automations/${moduleId}/new`);
  await page.getByLabel("Name", { exact: true }).fill(`Keyboard ${stamp}`);
  await page.getByRole("button", { name: "Add Email to client" }).click();
  await page.getByRole("button", { name: "Add Todo for user" }).click();
  await expect(steps(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Move step 2 up" }).click();
  await expect(steps(page).nth(0)).toHaveAttribute("data-kind", "todo_user");

  // The keyboard drag: lift the first step's grip with Space, move it down, drop it.
  await steps(page).nth(0).getByTestId("drag-handle").focus();
  for (const key of ["Space", "ArrowDown", "Space"]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(300);
  }
  await expect(steps(page).nth(1)).toHaveAttribute("data-kind", "todo_user");
  await page.getByRole("button", { name: "Remove step 2" }).click();
  await expect(steps(page)).toHaveCount(1);
  await page.getByRole("button", { name: "Save" }).click();
  await expectPath(page, /^\/settings\/automations\/[^/]+\/[0-9a-f-]{36}$/);

  await page.getByRole("button", { name: "Move to trash" }).click();
  await expectPath(page, `/settings/automations/${moduleId}`);
  const trash = page.getByTestId("automation-trash");
  await expect(trash).toContainText(`Keyboard ${stamp}`);
  await trash.getByRole("button", { name: `Restore Keyboard ${stamp}` }).click();
  await expect(page.getByTestId("automation-row").filter({ hasText: `Keyboard ${stamp}` })).toContainText("Switched off");
  await expect(page.getByTestId("automation-trash")).toHaveCount(0);
});

test("an automation matching a view: the trigger chosen in the builder, its daily time on the workspace's clock and a repeat, activated", async ({ page }, testInfo) => {
  const stamp = `${testInfo.project.name} ${Date.now()}`;
  const modulePath = await createModuleInSettings(page, "sales_manual", `Views ${stamp}`);
  const moduleId = modulePath.split("/").pop()!;
  const viewName = `Companies ${stamp}`;
  const name = `Matching ${stamp}`;

  // A view shared with the team, saved from the module's list.
  await page.goto(`/modules/${moduleId}?q=Kft`);
  await page.getByRole("button", { name: "Save view" }).click();
  const dialog = page.getByRole("dialog", { name: "Save the current filter as a view" });
  await dialog.getByLabel("Name").fill(viewName);
  await dialog.getByLabel("Share with the team").check();
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: viewName })).toBeVisible();

  await page.goto(`/settings/automations/${moduleId}/new`);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Starts", { exact: true }).selectOption({ label: "When a datasheet matches a view (checked daily)" });
  await page.getByLabel("View", { exact: true }).selectOption({ label: viewName });
  await page.getByLabel("Check daily at", { exact: true }).fill("07:30");
  await expect(page.getByText(/^On the workspace's clock \(.+\); the check runs within five minutes of this time\.$/)).toBeVisible();
  await page.getByLabel("Run again after (days)", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Add Todo for user" }).click();
  await steps(page).nth(0).getByLabel("Todo", { exact: true }).fill("Call them while they are in the view");
  await page.getByRole("button", { name: "Save" }).click();
  await expectPath(page, /^\/settings\/automations\/[^/]+\/[0-9a-f-]{36}$/);

  // Saved as chosen, and it can be switched on.
  await expect(page.getByLabel("Starts", { exact: true })).toHaveValue("view_matched");
  await expect(page.getByLabel("Check daily at", { exact: true })).toHaveValue("07:30");
  await expect(page.getByLabel("Run again after (days)", { exact: true })).toHaveValue("3");
  await expect(page.getByRole("button", { name: "Activate" })).toBeEnabled();
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByTestId("automation-state")).toHaveText("Active");
  await expect(page.getByText(/^Active: at each daily check/)).toBeVisible();
  await expectNoAxeViolations(page, "the builder of an automation matching a view");

  await page.goto(`/settings/automations/${moduleId}`);
  const row = page.getByTestId("automation-row").filter({ hasText: name });
  await expect(row).toContainText(`Daily at 07:30 for datasheets matching ${viewName}`);
  await expect(row).toContainText("Active");
});
