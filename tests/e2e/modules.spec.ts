import path from "node:path";
import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { answered, createModuleInSettings, isPhoneLayout } from "./support/app";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("admin") });

function group(page: Page, name: string): Locator {
  return page.getByRole("region", { name: `Group ${name}`, exact: true });
}

function chipsOf(where: Locator): Locator {
  return where.getByTestId("status-chip");
}

function statusRow(where: Locator, name: string): Locator {
  return where.getByTestId("status-row").filter({ has: where.page().getByTestId("status-chip").getByText(name, { exact: true }) });
}

/** dnd's keyboard sensor animates each step: give it a moment between keys. */
async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForTimeout(300);
}

/** A real pointer drag: press, move past dnd's 5 px threshold, glide to the target, release. */
async function dragByMouse(page: Page, handle: Locator, target: { x: number; y: number }): Promise<void> {
  const box = (await handle.boundingBox())!;
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x, start.y + 8, { steps: 4 });
  await page.waitForTimeout(150);
  await page.mouse.move(target.x, target.y, { steps: 25 });
  await page.waitForTimeout(300);
  await page.mouse.up();
}

/** A point just inside the top of `row`: a dragged item whose centre is there goes before it. */
async function justAbove(handle: Locator, row: Locator): Promise<{ x: number; y: number }> {
  const handleBox = (await handle.boundingBox())!;
  const rowBox = (await row.boundingBox())!;
  return { x: handleBox.x + handleBox.width / 2, y: rowBox.y + 3 };
}

async function capture(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  const file = path.join(testInfo.project.outputDir, "screenshots", `${testInfo.project.name}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
}

test("an admin creates a module and shapes its statuses and fields", async ({ page }, testInfo) => {
  test.slow();
  const moduleName = `Support ${testInfo.project.name} ${Date.now()}`;
  const isPhone = isPhoneLayout(page);

  await page.goto("/settings/modules");
  await expect(page.getByRole("heading", { level: 1, name: "Modules" })).toBeVisible();
  await createModuleInSettings(page, "customer_service", moduleName);
  await expect(page.getByRole("heading", { level: 1, name: moduleName })).toBeVisible();

  const open = group(page, "Open");
  const closed = group(page, "Closed");
  await expect(chipsOf(open)).toHaveText(["New request", "In progress", "Waiting for client"]);
  await expect(chipsOf(closed)).toHaveText(["Solved", "Closed"]);

  // The "New status" element dragged into the Open group.
  const newStatusHandle = page.getByTestId("new-status").getByTestId("drag-handle");
  if (isPhone) {
    await newStatusHandle.focus();
    await press(page, "Space");
    await press(page, "ArrowDown");
    await press(page, "Space");
  } else {
    await dragByMouse(page, newStatusHandle, await justAbove(newStatusHandle, statusRow(open, "Waiting for client")));
  }
  const nameInput = page.getByRole("textbox", { name: "Name of New status" });
  await expect(nameInput).toBeFocused();
  await nameInput.fill("Escalated");
  await nameInput.press("Enter");
  await expect(chipsOf(open).getByText("Escalated", { exact: true })).toBeVisible();
  await expect(chipsOf(open)).toHaveCount(4);
  if (!isPhone) await expect(chipsOf(open)).toHaveText(["New request", "In progress", "Escalated", "Waiting for client"]);
  await expect(page.getByTestId("editor-error")).toHaveCount(0);

  // Reorder by keyboard: "In progress" one up.
  const openBefore = await chipsOf(open).allTextContents();
  const inProgressAt = openBefore.indexOf("In progress");
  await statusRow(open, "In progress").getByTestId("drag-handle").focus();
  await press(page, "Space");
  await press(page, "ArrowUp");
  await press(page, "Space");
  const openAfter = [...openBefore];
  openAfter.splice(inProgressAt, 1);
  openAfter.splice(inProgressAt - 1, 0, "In progress");
  await expect(chipsOf(open)).toHaveText(openAfter);

  // Reorder by mouse: "Closed" above "Solved".
  // The pointer can only press what is on screen: on a phone the group starts below the fold.
  await closed.evaluate((element) => element.scrollIntoView({ block: "center" }));
  const closedHandle = statusRow(closed, "Closed").getByTestId("drag-handle");
  await dragByMouse(page, closedHandle, await justAbove(closedHandle, statusRow(closed, "Solved")));
  await expect(chipsOf(closed)).toHaveText(["Closed", "Solved"]);

  // Recolour "Solved" from the palette.
  await statusRow(closed, "Solved").getByRole("button", { name: "Colour of Solved" }).click();
  await page.getByRole("button", { name: "#ec4899", exact: true }).click();
  const solvedChip = chipsOf(closed).getByText("Solved", { exact: true });
  await expect(solvedChip).toHaveCSS("background-color", "rgb(236, 72, 153)");

  // Let the last action land before leaving the page.
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("editor-error")).toHaveCount(0);

  // A single-select field with two options.
  await page.getByRole("link", { name: "Fields" }).click();
  await expect(page).toHaveURL(/tab=fields/);
  await page.getByRole("button", { name: "Add field" }).click();
  const fieldDialog = page.getByRole("dialog");
  await fieldDialog.getByLabel("Label").fill("Topic");
  await fieldDialog.getByLabel("Type").selectOption("single_select");
  await fieldDialog.getByRole("button", { name: "Add field" }).click();
  await expect(fieldDialog).toBeHidden();
  const topic = page.getByTestId("field-row").filter({ hasText: "Topic" });
  await expect(topic).toContainText("Single select");
  for (const option of ["Billing", "Returns"]) {
    await topic.getByRole("textbox", { name: "New option" }).fill(option);
    await topic.getByRole("button", { name: "Add option" }).click();
    await expect(topic.getByTestId("option-row").getByText(option, { exact: true })).toBeVisible();
  }
  await page.waitForLoadState("networkidle");

  // Everything persisted.
  await page.goto(page.url().replace(/\?.*$/, ""));
  await expect(chipsOf(open)).toHaveText(openAfter);
  await expect(chipsOf(closed)).toHaveText(["Closed", "Solved"]);
  await expect(chipsOf(closed).getByText("Solved", { exact: true })).toHaveCSS("background-color", "rgb(236, 72, 153)");
  await capture(page, testInfo, "statuses-editor");

  await page.goto(`${page.url()}?tab=fields`);
  const topicAfter = page.getByTestId("field-row").filter({ hasText: "Topic" });
  await expect(topicAfter.getByTestId("option-row")).toHaveText(["Billing", "Returns"]);
  await expect(topicAfter).toContainText("Single select");
});

test("adds and moves statuses without dragging, and confirms each save quietly", async ({ page }) => {
  const moduleName = `No drag ${Date.now()}-${test.info().project.name}`;
  await createModuleInSettings(page, "customer_service", moduleName);
  const open = group(page, "Open");
  const closed = group(page, "Closed");
  const saved = page.getByTestId("editor-saved");
  await expect(saved).toHaveAttribute("role", "status");
  await expect(saved).toHaveText("");

  // "Add status" (by click here; Enter works the same on a button): a new status at the group's end, named at once.
  await page.getByRole("button", { name: "Add a status to Open" }).click();
  const nameInput = page.getByRole("textbox", { name: "Name of New status" });
  await expect(nameInput).toBeFocused();
  await nameInput.fill("Escalated");
  await nameInput.press("Enter");
  await expect(chipsOf(open)).toHaveText(["New request", "In progress", "Waiting for client", "Escalated"]);
  await expect(saved).toHaveText("Saved.");

  // Up within the group, then down past its end into the next group.
  // Each move is awaited to its server action's answer: the reload below must not beat a save
  // still on its way (networkidle does not wait for one a busy phone has not sent yet).
  await answered(page, () => statusRow(open, "Escalated").getByRole("button", { name: "Move Escalated up" }).click());
  await expect(chipsOf(open)).toHaveText(["New request", "In progress", "Escalated", "Waiting for client"]);
  await answered(page, () => statusRow(open, "Waiting for client").getByRole("button", { name: "Move Waiting for client down" }).click());
  await expect(chipsOf(open)).toHaveText(["New request", "In progress", "Escalated"]);
  await expect(chipsOf(closed)).toHaveText(["Waiting for client", "Solved", "Closed"]);
  // The very first status cannot go up.
  await expect(statusRow(open, "New request").getByRole("button", { name: "Move New request up" })).toBeDisabled();
  await page.waitForLoadState("networkidle");
  await expect(saved).toHaveText("Saved.");
  await expect(page.getByTestId("editor-error")).toHaveCount(0);

  await page.reload();
  await expect(chipsOf(group(page, "Open"))).toHaveText(["New request", "In progress", "Escalated"]);
  await expect(chipsOf(group(page, "Closed"))).toHaveText(["Waiting for client", "Solved", "Closed"]);
});

test("moves fields and a select field's options without dragging, and confirms renames and moves quietly", async ({ page }) => {
  const moduleName = `Reorder ${Date.now()}-${test.info().project.name}`;
  await createModuleInSettings(page, "customer_service", moduleName);
  await page.getByRole("link", { name: "Fields", exact: true }).click();
  await expect(page).toHaveURL(/tab=fields/);
  const labels = page.getByTestId("field-row").getByTestId("field-label");
  const fieldRow = (name: string) => page.getByTestId("field-row").filter({ has: page.getByTestId("field-label").getByText(name, { exact: true }) });
  const saved = page.getByTestId("editor-saved");
  await expect(labels).toHaveText(["Priority", "Channel", "Category", "Deadline", "Description"]);
  await expect(saved).toHaveAttribute("role", "status");
  await expect(saved).toHaveText("");

  // A rename in the field's dialog is confirmed like the editor's other saves.
  await page.getByRole("button", { name: "Edit Deadline" }).click();
  const fieldDialog = page.getByRole("dialog");
  await fieldDialog.getByLabel("Label").fill("Promised answer deadline");
  await fieldDialog.getByRole("button", { name: "Save" }).click();
  await expect(fieldDialog).toBeHidden();
  await expect(labels).toHaveText(["Priority", "Channel", "Category", "Promised answer deadline", "Description"]);
  await expect(saved).toHaveText("Saved.");

  // A fresh page: "Saved." below answers the moves, not the rename.
  await page.reload();
  await expect(saved).toHaveText("");
  // The first cannot go up, the last cannot go down.
  await expect(page.getByRole("button", { name: "Move Priority up" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Move Description down" })).toBeDisabled();

  // By click: the renamed field one up.
  await answered(page, () => fieldRow("Promised answer deadline").getByRole("button", { name: "Move Promised answer deadline up" }).click());
  await expect(labels).toHaveText(["Priority", "Channel", "Promised answer deadline", "Category", "Description"]);
  await expect(saved).toHaveText("Saved.");

  // By keyboard: Enter on "Move Priority down" twice; the focus stays on the button as the row moves.
  const priorityDown = page.getByRole("button", { name: "Move Priority down" });
  await priorityDown.focus();
  await answered(page, () => page.keyboard.press("Enter"));
  await expect(labels).toHaveText(["Channel", "Priority", "Promised answer deadline", "Category", "Description"]);
  await expect(priorityDown).toBeFocused();
  await answered(page, () => page.keyboard.press("Enter"));
  await expect(labels).toHaveText(["Channel", "Promised answer deadline", "Priority", "Category", "Description"]);
  await expect(priorityDown).toBeFocused();

  // A select field's options move the same way, within their field.
  const priority = fieldRow("Priority");
  await expect(priority.getByRole("button", { name: "Move Low up" })).toBeDisabled();
  await expect(priority.getByRole("button", { name: "Move Urgent down" })).toBeDisabled();
  await answered(page, () => priority.getByRole("button", { name: "Move Urgent up" }).click());
  await expect(priority.getByTestId("option-row")).toHaveText(["Low", "Normal", "Urgent", "High"]);

  // On a phone too the name is whole: the controls take the next line instead of squeezing it.
  const renamed = fieldRow("Promised answer deadline");
  const label = renamed.getByTestId("field-label");
  expect(await label.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  if (isPhoneLayout(page)) {
    const labelBox = (await label.boundingBox())!;
    const upBox = (await renamed.getByRole("button", { name: "Move Promised answer deadline up" }).boundingBox())!;
    expect(upBox.y).toBeGreaterThanOrEqual(labelBox.y + labelBox.height);
  }

  await page.waitForLoadState("networkidle");
  await expect(saved).toHaveText("Saved.");
  await expect(page.getByTestId("editor-error")).toHaveCount(0);
  await page.reload();
  await expect(labels).toHaveText(["Channel", "Promised answer deadline", "Priority", "Category", "Description"]);
  await expect(fieldRow("Priority").getByTestId("option-row")).toHaveText(["Low", "Normal", "Urgent", "High"]);
});
