import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectPath, isPhoneLayout } from "./support/app";
import { expectNoAxeViolations } from "./support/axe";
import { storageStateOf } from "./support/users";

/*
 * The home page (issue 15): everyone's My day, the team's figures for admins and managers only.
 * Each test makes its own client, so it shares no data with other specs.
 */

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  const file = path.join(testInfo.project.outputDir, "screenshots", `${testInfo.project.name}-dashboard-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
}

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
});

test.describe("a normal user", () => {
  // In the demo workspace's time zone, as its users are: the todo form's "tomorrow" is the
  // browser's, My day's sections are the workspace's, and between 23:00 and midnight UTC a
  // browser in UTC would put tomorrow morning under "Due today".
  test.use({ storageState: storageStateOf("normal"), timezoneId: "Europe/Budapest" });

  test("sees a new todo in My day, marks it done there and adds the next one", async ({ page }, testInfo) => {
    const stamp = `${testInfo.project.name} ${Date.now()}-${testInfo.workerIndex}`;
    const client = `My Day ${stamp} Kft.`;
    const first = `Send the price list ${stamp}`;
    const next = `Call about the price list ${stamp}`;
    await page.goto("/");
    await page.getByRole("button", { name: "New client" }).filter({ visible: true }).click();
    const dialog = page.getByRole("dialog", { name: "New client" });
    await dialog.getByLabel("Company name").fill(client);
    await dialog.getByLabel("Module").selectOption({ label: "Customer service" });
    await dialog.getByRole("button", { name: "Create client" }).click();
    await expectPath(page, /^\/datasheets\/[0-9a-f-]{36}$/);
    await page.getByTestId("client-history").getByRole("button", { name: "Todo", exact: true }).click();
    await page.getByTestId("todo-form").getByLabel("Todo").fill(first);
    await page.getByTestId("todo-form").getByRole("button", { name: "Add todo" }).click();
    await expect(page.getByTestId("open-todos").getByText(first)).toBeVisible();

    // The default deadline is tomorrow morning: the next 7 days.
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Dashboard" })).toHaveCount(0);
    const upcoming = page.getByTestId("todos-upcoming");
    await expect(upcoming.getByText(first)).toBeVisible();
    await expect(upcoming.getByRole("link", { name: client })).toHaveAttribute("href", /^\/datasheets\//);
    await screenshot(page, testInfo, "my-day");
    await expectNoAxeViolations(page, "My day");

    await upcoming.getByRole("button", { name: `Mark “${first}” done` }).click();
    const offer = page.getByTestId("next-todo-offer");
    await expect(offer).toContainText(first);
    await expect(upcoming.getByText(first)).toHaveCount(0);
    await offer.getByRole("button", { name: "Add the next todo" }).click();
    await offer.getByTestId("todo-form").getByLabel("Todo").fill(next);
    await offer.getByTestId("todo-form").getByRole("button", { name: "Add todo" }).click();
    await expect(page.getByTestId("next-todo-offer")).toHaveCount(0);
    await expect(page.getByTestId("todos-upcoming").getByText(next)).toBeVisible();

    // The team's figures are not theirs, by URL either.
    await page.goto("/?view=team");
    await expect(page.getByTestId("team-dashboard")).toHaveCount(0);
    await expect(page.getByTestId("my-day-todos")).toBeVisible();
  });
});

test.describe("a restricted user", () => {
  test.use({ storageState: storageStateOf("restricted") });

  test("gets My day, never the team's figures", async ({ page }) => {
    await page.goto("/?view=team&period=90d");
    await expect(page.getByTestId("my-day-todos")).toBeVisible();
    await expect(page.getByTestId("team-dashboard")).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Dashboard" })).toHaveCount(0);
  });
});

test.describe("a manager", () => {
  test.use({ storageState: storageStateOf("manager") });

  test("reads the team's staircase for a period and opens a status's list from it", async ({ page }, testInfo) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Team" }).click();
    await expect(page).toHaveURL(/\/\?view=team$/);
    const team = page.getByTestId("team-dashboard");
    await expect(team.getByRole("heading", { name: "The team" })).toBeVisible();
    // Other specs make modules named Sales too: the demo's comes first, in the workspace's order.
    const sales = team
      .getByTestId("module-staircase")
      .filter({ has: page.getByRole("heading", { name: "Sales", exact: true }) })
      .first();
    await expect(sales.getByRole("img", { name: /Datasheets per status in Sales/ })).toBeVisible();
    await expect(sales.getByRole("link", { name: "Funnel" })).toBeVisible();
    await expect(team.getByTestId("new-by-source").getByRole("heading", { name: "New datasheets by source" })).toBeVisible();

    await team.getByTestId("period-form").getByLabel("Period", { exact: true }).selectOption({ label: "Last 90 days" });
    await team.getByTestId("period-form").getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/period=90d/);
    await expect(page.getByTestId("team-dashboard").getByLabel("Period", { exact: true })).toHaveValue("90d");
    // The automatic module's funnel over the period, group by group (the demo's clients entered Sales in it).
    const funnel = page
      .getByTestId("module-staircase")
      .filter({ has: page.getByRole("heading", { name: "Sales", exact: true }) })
      .first()
      .getByTestId("module-funnel");
    await expect(funnel.getByRole("table", { name: "Sales: the funnel in this period" })).toBeVisible();
    await expect(funnel.getByTestId("funnel-sales").getByTestId("entered")).not.toHaveText("0");
    await expect(sales.getByRole("link", { name: "Funnel" })).toHaveAttribute("href", /from=\d{4}-\d{2}-\d{2}&to=/);
    await screenshot(page, testInfo, "team");
    await expectNoAxeViolations(page, "the team dashboard");

    // The breakdown: Sales by Entry, each row a link into the list filtered by its value.
    const breakdown = page.getByTestId("breakdown");
    const salesId = (await sales.getByRole("link", { name: "Open the list", exact: true }).getAttribute("href"))!.split("/").at(-1)!;
    await breakdown.getByLabel("Module", { exact: true }).selectOption(salesId);
    await breakdown.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/bm=/);
    await page.getByTestId("breakdown").getByLabel("By", { exact: true }).selectOption({ label: "Entry" });
    await page.getByTestId("breakdown").getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/by=entry/);
    await expect(page).toHaveURL(/period=90d/);
    const first = page.getByTestId("breakdown").getByTestId("breakdown-row").first();
    await expect(page.getByTestId("breakdown").getByRole("img", { name: /Datasheets by Entry/ })).toBeVisible();
    await first.getByRole("link").click();
    await expect(page).toHaveURL(/\/modules\/[0-9a-f-]{36}\?f\.entry=in%3A/);
    await page.goBack();

    // A bad custom day names the field, and loses nothing else.
    await page.goto("/?view=team&period=custom&from=2026-02-30");
    await expect(page.getByTestId("team-dashboard").getByText("Enter a valid date")).toBeVisible();

    // A status's row leads to the list filtered by it, with the same count in the list's staircase.
    await page.goto("/?view=team");
    const row = page.getByTestId("team-dashboard").getByTestId("module-staircase").first().locator("tbody tr[data-testid^='status-']").first();
    const count = (await row.getByTestId("count").textContent())!.trim();
    const name = (await row.getByRole("link").textContent())!.trim();
    await row.getByRole("link").click();
    await expect(page).toHaveURL(/\/modules\/[0-9a-f-]{36}\?status=/);
    if (isPhoneLayout(page)) {
      const details = page.locator("details").filter({ hasText: "Statuses and counts" });
      if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator("summary").click();
    }
    const active = page.getByTestId("staircase").filter({ visible: true }).locator("a[aria-current='true']");
    await expect(active).toContainText(name);
    await expect(active).toContainText(count);
  });
});
