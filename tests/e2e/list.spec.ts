import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectPath, isPhoneLayout, nextActionAnswer } from "./support/app";
import { expectNoAxeViolations } from "./support/axe";
import { storageStateOf } from "./support/users";

let sequence = 0;
function uniqueName(testInfo: TestInfo, label: string): string {
  sequence += 1;
  return `${label} ${testInfo.project.name} ${Date.now()}-${testInfo.workerIndex}-${sequence}`;
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  const file = path.join(testInfo.project.outputDir, "screenshots", `${testInfo.project.name}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
}

/** The demo's Customer service list, reached from the navigation as a user would. */
async function openCustomerService(page: Page): Promise<string> {
  await page.goto("/");
  if (isPhoneLayout(page)) await page.getByRole("button", { name: "Open menu" }).click();
  await page.getByRole("navigation", { name: "Main" }).filter({ visible: true }).getByRole("link", { name: "Customer service" }).click();
  await expectPath(page, /^\/modules\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Customer service" })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** The staircase: beside the list on a desktop, folded above it on a phone. */
async function staircase(page: Page) {
  if (isPhoneLayout(page)) {
    const details = page.locator("details").filter({ hasText: "Statuses and counts" });
    if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator("summary").click();
  }
  return page.getByTestId("staircase").filter({ visible: true });
}

/** The names of the clients the list shows (table rows on a desktop, cards on a phone). */
function clientNames(page: Page) {
  const list = isPhoneLayout(page) ? page.getByRole("list", { name: "Clients" }) : page.getByRole("region", { name: "Clients" });
  return list.getByRole("link");
}

test.describe("the client list", () => {
  test.use({ storageState: storageStateOf("manager") });

  test("filters by a status, saves the filter as a view and opens it again", async ({ page }, testInfo) => {
    const listPath = await openCustomerService(page);
    await screenshot(page, testInfo, "client-list");

    const stairs = await staircase(page);
    // A status no other browser test puts clients into or takes them out of (they create clients in
    // "New request" and move them to "In progress"), so the counts hold while they run.
    const waiting = stairs.getByRole("link", { name: /^Waiting for client \d+$/ });
    await waiting.click();
    await expect(page).toHaveURL(/status=waiting_for_client/);
    const expected = Number((await waiting.textContent())!.replace(/\D+/g, ""));
    expect(expected).toBeGreaterThan(0);
    await expect(page.getByText(new RegExp(`^${expected} clients?$`))).toBeVisible();
    const names = await clientNames(page).allTextContents();
    expect(names.length).toBe(Math.min(expected, 50));
    // Every row shown is in that status.
    if (!isPhoneLayout(page)) {
      const statusCells = page.getByRole("region", { name: "Clients" }).locator("tbody tr td:nth-child(3)");
      for (const text of await statusCells.allTextContents()) expect(text).toBe("Waiting for client");
    }

    const viewName = uniqueName(testInfo, "Waiting");
    await page.getByRole("button", { name: "Save view" }).click();
    const dialog = page.getByRole("dialog", { name: "Save the current filter as a view" });
    await dialog.getByLabel("Name").fill(viewName);
    await dialog.getByRole("button", { name: "Save view" }).click();
    const tabs = page.getByRole("navigation", { name: "Views" });
    await expect(tabs.getByRole("link", { name: viewName })).toHaveAttribute("aria-current", "page");

    await tabs.getByRole("link", { name: "All clients" }).click();
    await expectPath(page, listPath);
    await expect(page).not.toHaveURL(/status=/);
    await tabs.getByRole("link", { name: viewName }).click();
    await expect(page).toHaveURL(/view=.*status=waiting_for_client|status=waiting_for_client.*view=/);
    await expect(clientNames(page)).toHaveText(names);
  });

  test("a dialog whose code cannot be downloaded leaves the page as it was, and opens on the next try", async ({ page }) => {
    await openCustomerService(page);
    const search = page.getByRole("searchbox", { name: "Search clients" });
    await search.fill("typed, not sent");
    // The connection drops: no more code arrives.
    const chunks = /\/_next\/static\/chunks\/.+\.js/;
    await page.route(chunks, (route) => route.abort("internetdisconnected"));
    const filters = page.getByRole("button", { name: /^Filters/ });
    await filters.click();
    await expect(page.getByRole("alert").filter({ hasText: "Could not load this." })).toBeAttached();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(search).toHaveValue("typed, not sent");

    await page.unroute(chunks);
    await filters.click();
    await expect(page.getByRole("dialog", { name: "Filter the list" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(search).toHaveValue("typed, not sent");
  });

  test("searches by name", async ({ page }) => {
    await openCustomerService(page);
    const first = (await clientNames(page).first().textContent())!;
    const search = page.getByRole("searchbox", { name: "Search clients" });
    // What is searched shows whole, on a phone too (the placeholder's text fits the field).
    const fits = await search.evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const context = document.createElement("canvas").getContext("2d")!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return context.measureText(input.placeholder).width <= room;
    });
    expect(fits, "the search placeholder fits its field").toBe(true);
    await search.fill(first.slice(0, 8));
    await search.press("Enter");
    await expect(page).toHaveURL(/q=/);
    await expect(clientNames(page).filter({ hasText: first })).toHaveCount(1);
  });

  test("exports the visible or all columns as a spreadsheet reads them", async ({ page }) => {
    await openCustomerService(page);
    const search = page.getByRole("searchbox", { name: "Search clients" });
    await search.fill("Zöldliget");
    await search.press("Enter");
    await expect(page).toHaveURL(/q=/);
    await expect(clientNames(page)).toHaveCount(1);

    async function download(columns: "Visible columns" | "All columns") {
      await page.getByRole("button", { name: "Export CSV" }).click();
      const waiting = page.waitForEvent("download");
      await page.getByRole("menuitem", { name: columns }).click();
      const file = await waiting;
      const bytes = await readFile((await file.path())!);
      return {
        name: file.suggestedFilename(),
        bytes,
        lines: bytes
          .toString("utf8")
          .replace(/^\uFEFF/, "")
          .trimEnd()
          .split("\r\n"),
      };
    }

    const all = await download("All columns");
    expect(all.name).toMatch(/^customer-service-\d{4}-\d{2}-\d{2}\.csv$/);
    // UTF-8 with a byte-order mark: Excel then reads the accents right.
    expect([...all.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(all.lines).toHaveLength(2);
    const header = all.lines[0]!.split(",");
    expect(header).toEqual(expect.arrayContaining(["Name", "Contacts", "Contact emails", "Contact phones", "Status", "Priority", "Next todo due", "Created"]));
    const row = Object.fromEntries(header.map((h, i) => [h, all.lines[1]!.split(",")[i]]));
    expect(row).toMatchObject({
      Name: "Zöldliget Óvoda",
      City: "Győr",
      // In the order they were entered.
      Contacts: "Fekete Mária; Balogh Tamás",
      "Contact emails": "vezeto@zoldligetovi.hu",
      Status: "In progress",
      Priority: "Urgent",
    });
    // Times as a spreadsheet reads them (the zone's arithmetic is held by the integration test), not raw UTC.
    expect(row["Next todo due"]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:00$/);
    expect(row.Created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    const visible = await download("Visible columns");
    expect(visible.lines[0]).toBe("Name,Status,Responsible,Next todo,Next todo due,Last contact");
    expect(visible.lines[1]).toMatch(
      /^Zöldliget Óvoda,In progress,Gábor Tóth,Fitter visit: re-anchor the playroom shelves,\d{4}-\d{2}-\d{2} \d{2}:00,\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );
  });
});

test.describe("the export for normal users", () => {
  test.use({ storageState: storageStateOf("normal") });

  test("shows why it is not theirs instead of hiding it", async ({ page }) => {
    await openCustomerService(page);
    await page.getByRole("button", { name: "Export CSV" }).click();
    await expect(page.getByRole("menu").getByText("Exports are for admins and managers. Ask one of them for a file.")).toBeVisible();
    await expect(page.getByRole("menuitem", { name: "All columns" })).toHaveAttribute("aria-disabled", "true");
    await expect(page.getByRole("menuitem", { name: "Visible columns" })).toHaveAttribute("aria-disabled", "true");
    expect((await page.request.get(`${new URL(page.url()).pathname.replace("/modules/", "/api/modules/")}/export?columns=all`)).status()).toBe(403);
  });
});

test.describe("the board", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("moves a card to other statuses by keyboard drag and by its menu, and it stays there", async ({ page }, testInfo) => {
    const name = uniqueName(testInfo, "Aaa Tábla");
    // A client of our own in the first status, so no other test's data moves.
    await page.goto("/");
    await page.getByRole("button", { name: "New client" }).filter({ visible: true }).click();
    const dialog = page.getByRole("dialog", { name: "New client" });
    await dialog.getByLabel("Company name").fill(name);
    await dialog.getByLabel("Module").selectOption({ label: "Customer service" });
    await dialog.getByRole("button", { name: "Create client" }).click();
    await expectPath(page, /^\/datasheets\/[0-9a-f-]{36}$/);

    const listPath = await openCustomerService(page);
    await page.getByRole("link", { name: "Board" }).click();
    await expectPath(page, `${listPath}/board`);
    const from = page.getByTestId("board-column-new_request");
    const to = page.getByTestId("board-column-in_progress");
    await expect(from.getByText(name)).toBeVisible();
    await screenshot(page, testInfo, "board");
    // Not "Waiting for client": the list test counts that status.
    const solved = page.getByTestId("board-column-solved");
    const firstMove = nextActionAnswer(page);
    if (isPhoneLayout(page)) {
      // At 375 px the next column is scrolled out of the board and the drag library's keyboard
      // sensor moves a card only to a column it can see: on a phone the card's status menu is
      // the way (the desktop run drags with the keyboard).
      await from.getByRole("button", { name: `Change the status of ${name}` }).click();
      await page.getByRole("menuitemradio", { name: "In progress" }).click();
      await expect(to.getByText(name)).toBeVisible();
    } else {
      // Keyboard drag: lift, one column to the right, drop.
      const handle = from.getByRole("button", { name: `Move ${name}` });
      await handle.focus();
      await page.keyboard.press("Space");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Space");
      await expect(to.getByText(name)).toBeVisible();
    }
    expect((await firstMove).ok()).toBe(true);
    await expect(page.getByTestId("board-error")).toHaveCount(0);
    // Without dragging (WCAG 2.5.7): the card's menu moves it on, on every screen.
    const secondMove = nextActionAnswer(page);
    await to.getByRole("button", { name: `Change the status of ${name}` }).click();
    await page.getByRole("menuitemradio", { name: "Solved" }).click();
    await expect(solved.getByText(name)).toBeVisible();
    await expect(to.getByText(name)).toHaveCount(0);
    await expect(page.getByTestId("board-error")).toHaveCount(0);

    // The card moves on screen before the server answers: let the save land before reloading
    // (a load state would not wait: the page reached "network idle" long before the click).
    expect((await secondMove).ok()).toBe(true);
    await page.reload();
    await expect(page.getByTestId("board-column-solved").getByText(name)).toBeVisible();
  });
});

test.describe("accessibility", () => {
  test.use({ storageState: storageStateOf("manager") });

  test("the list, its dialogs and the board have no axe violations", async ({ page }) => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    const check = (what: string) => expectNoAxeViolations(page, what);
    const listPath = await openCustomerService(page);
    await check("the client list");
    await page.getByRole("button", { name: /^Filters/ }).click();
    await expect(page.getByRole("dialog", { name: "Filter the list" })).toBeVisible();
    await check("the filter dialog");
    await page.keyboard.press("Escape");
    await page.goto(`${listPath}/board`);
    await expect(page.getByTestId("board-column-new_request")).toBeVisible();
    await check("the board");
  });
});
