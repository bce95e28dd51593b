import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { expect, test, type Page } from "@playwright/test";
import { createModuleInSettings, expectPath, newContext, openNav } from "./support/app";
import { expectNoAxeViolations } from "./support/axe";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("admin") });

/** A module of this test's own, so its clients are the only ones in its list. */
async function ownModule(page: Page, tag: string): Promise<{ id: string; name: string }> {
  const name = `Import ${tag} ${Date.now().toString(36)}`;
  const path = await createModuleInSettings(page, "sales_manual", name);
  return { id: path.split("/").at(-1)!, name };
}

/** From the source step's answer through the columns and target to the report, for a module. */
async function mapAndCheck(page: Page, moduleName: string): Promise<void> {
  await expect(page.getByText(/Step 2 of 4/)).toBeVisible();
  await page.getByLabel("Module").selectOption({ label: moduleName });
  await expect(page.getByLabel("Cégnév goes to")).toHaveValue("business.name");
  await expect(page.getByLabel("E-mail goes to")).toHaveValue("business.email");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText(/Step 3 of 4/)).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText(/Step 4 of 4/)).toBeVisible();
}

async function importAndWait(page: Page, count: number): Promise<void> {
  await page.getByTestId("import-start").click();
  await expectPath(page, /^\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("import-status")).toHaveText("Done", { timeout: 30_000 });
  await expect(page.getByTestId("count-created")).toHaveText(String(count));
}

test("pasting 20 rows from a spreadsheet: map, check, import, see them in the list, and undo", async ({ page, context }, testInfo) => {
  const target = await ownModule(page, testInfo.project.name);
  const tag = Date.now().toString(36);
  const rows = Array.from({ length: 20 }, (_, i) => `Ő${tag} Kft. ${i + 1}\tinfo${i + 1}@${tag}.hu\t+36 1 555 ${String(1000 + i)}`);
  rows[4] = `=HYPERLINK("http://x.test";"Ő${tag} Kft. 5")\tnot-an-email\t`;
  const text = ["Cégnév\tE-mail\tTelefonszám", ...rows].join("\n");

  await page.goto("/");
  const nav = await openNav(page);
  await nav.getByRole("link", { name: "Import", exact: true }).click();
  await expectPath(page, "/imports");
  await page.getByRole("link", { name: "New import" }).click();
  await expectPath(page, "/imports/new");

  // As a spreadsheet puts them: on the clipboard, then pasted.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  const paste = page.getByLabel("Cells copied from a spreadsheet");
  await paste.focus();
  await page.keyboard.press("ControlOrMeta+V");
  await expect(paste).toHaveValue(text);
  await expectNoAxeViolations(page, "the import, step 1");
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page.getByTestId("import-preview")).toContainText(`Ő${tag} Kft. 1`);
  await expectNoAxeViolations(page, "the import, step 2");
  await mapAndCheck(page, target.name);
  await expect(page.getByTestId("count-created")).toHaveText("19");
  await expect(page.getByTestId("count-failed")).toHaveText("1");
  const problem = page.getByTestId("import-problems").getByRole("row").nth(1);
  await expect(problem).toContainText("6");
  await expect(problem).toContainText("E-mail");
  await expect(problem).toContainText("Enter a valid email address.");
  await expectNoAxeViolations(page, "the import, step 3");

  await importAndWait(page, 19);
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
  const download = page.getByRole("link", { name: "Download the failed rows (CSV)" });
  const failed = await page.request.get((await download.getAttribute("href"))!);
  expect(failed.headers()["content-type"]).toContain("text/csv");
  // The row number, the reason, and the cell that would be a formula made text.
  expect(await failed.text()).toBe(
    `\uFEFFRow,Reason,Cégnév,E-mail,Telefonszám\r\n6,E-mail: Enter a valid email address.,"'=HYPERLINK(""http://x.test"";""Ő${tag} Kft. 5"")",not-an-email,\r\n`,
  );
  await expectNoAxeViolations(page, "the import, step 4");

  await page.getByRole("link", { name: "Show the imported clients" }).click();
  await expectPath(page, `/modules/${target.id}`);
  await expect(page.getByText(`Ő${tag} Kft. 1`, { exact: true }).filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByText(`Ő${tag} Kft. 20`, { exact: true }).filter({ visible: true }).first()).toBeVisible();
  await page.goBack();

  const importPath = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Undo import" }).click();
  await page.getByTestId("import-undo-confirm").click();
  await expect(page.getByTestId("import-undone")).toHaveText("Undone: 19 clients removed, 0 clients restored.");
  await expect(page.getByTestId("import-status")).toHaveText("Undone");
  await page.goto(`/modules/${target.id}`);
  await expect(page.getByText(`Ő${tag} Kft. 1`, { exact: true })).toHaveCount(0);
  await page.goto("/imports");
  // Other tests import at the same time: this import's own row.
  await expect(
    page
      .getByTestId("import-history")
      .getByRole("row")
      .filter({ has: page.locator(`a[href="${importPath}"]`) }),
  ).toContainText("Undone");
});

test("uploading a small XLSX file and a Windows-1250 CSV", async ({ page }, testInfo) => {
  const target = await ownModule(page, `files ${testInfo.project.name}`);
  const tag = Date.now().toString(36);

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Ügyfelek");
  sheet.addRow(["Cégnév", "E-mail"]);
  sheet.addRow([`Árvíztűrő ${tag} Zrt.`, `arviz@${tag}.hu`]);
  sheet.addRow([`Tükörfúró ${tag} Bt.`, `tukor@${tag}.hu`]);
  await page.goto("/imports/new");
  await page.getByLabel("Upload a file").check();
  await page.getByLabel("CSV or XLSX file").setInputFiles({
    name: "ugyfelek.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  });
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByLabel("Sheet")).toHaveValue("0");
  await mapAndCheck(page, target.name);
  await importAndWait(page, 2);

  const csv = iconv.encode(`Cégnév;E-mail;Város\nŐrült ${tag} Kft.;orult@${tag}.hu;Győr\nŰrhajó ${tag} Bt.;urhajo@${tag}.hu;Pécs\n`, "windows-1250");
  await page.goto("/imports/new");
  await page.getByLabel("Upload a file").check();
  await page.getByLabel("CSV or XLSX file").setInputFiles({ name: "ugyfelek.csv", mimeType: "text/csv", buffer: csv });
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByLabel("Encoding")).toHaveValue(/windows-1250|iso-8859-2/);
  await expect(page.getByLabel("Delimiter")).toHaveValue(";");
  await expect(page.getByTestId("import-preview")).toContainText(`Őrült ${tag} Kft.`);
  await expect(page.getByTestId("import-preview")).toContainText("Győr");
  await mapAndCheck(page, target.name);
  await importAndWait(page, 2);

  await page.goto(`/modules/${target.id}`);
  for (const name of [`Árvíztűrő ${tag} Zrt.`, `Tükörfúró ${tag} Bt.`, `Őrült ${tag} Kft.`, `Űrhajó ${tag} Bt.`]) {
    await expect(page.getByText(name, { exact: true }).filter({ visible: true }).first()).toBeVisible();
  }
});

test("normal and restricted users do not reach import", async ({ browser }) => {
  for (const role of ["normal", "restricted"] as const) {
    const context = await newContext(browser, role);
    const page = await context.newPage();
    expect((await page.goto("/imports/new"))?.status()).toBe(404);
    expect((await page.goto("/imports"))?.status()).toBe(404);
    const upload = await page.request.post("/api/imports?source=paste", { data: "Cégnév\nX Kft.\n", headers: { "Content-Type": "text/plain" } });
    expect(upload.status()).toBe(403);
    await context.close();
  }
});

test("Settings → Import history: admins and managers reach it, managers no other settings page, the others not at all", async ({ browser }) => {
  for (const role of ["admin", "manager"] as const) {
    const context = await newContext(browser, role);
    const page = await context.newPage();
    await page.goto("/");
    const nav = await openNav(page);
    await nav.getByRole("link", { name: "Import history" }).click();
    await expectPath(page, "/settings/imports");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import history");
    await expect(page.getByRole("link", { name: "New import" })).toBeVisible();
    await context.close();
  }

  const manager = await (await newContext(browser, "manager")).newPage();
  await manager.goto("/settings");
  await expectPath(manager, "/settings/imports");
  for (const path of [
    "/settings/users",
    "/settings/users/new",
    "/settings/modules",
    "/settings/automations",
    "/settings/workspace",
    "/settings/jobs",
    "/settings/api-keys",
  ]) {
    expect((await manager.goto(path))?.status(), path).toBe(404);
  }
  await manager.context().close();

  for (const role of ["normal", "restricted"] as const) {
    const context = await newContext(browser, role);
    const page = await context.newPage();
    await page.goto("/");
    await expect((await openNav(page)).getByRole("link", { name: "Import history" })).toHaveCount(0);
    for (const path of ["/settings/imports", "/settings"]) expect((await page.goto(path))?.status(), `${role} ${path}`).toBe(404);
    await context.close();
  }
});

test("an import whose job fails shows Failed, the reason, and what it wrote", async ({ page, context }, testInfo) => {
  const target = await ownModule(page, `failing ${testInfo.project.name}`);
  const tag = Date.now().toString(36);
  await page.goto("/imports/new");
  await page.getByLabel("Cells copied from a spreadsheet").fill(`Cégnév\tE-mail\nBukott ${tag} Kft.\tbukott@${tag}.hu\n`);
  await page.getByRole("button", { name: "Next" }).click();
  await mapAndCheck(page, target.name);
  await expect(page.getByTestId("count-created")).toHaveText("1");

  // The module is archived after the rows were checked: the job cannot write them.
  const settings = await context.newPage();
  await settings.goto("/settings/modules");
  await settings.getByRole("button", { name: `Archive ${target.name}` }).click();
  await expect(settings.getByRole("button", { name: `Archive ${target.name}` })).toHaveCount(0);
  // Read back from the server, so the job never starts before the archive is saved.
  await settings.reload();
  await expect(settings.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(settings.getByRole("button", { name: `Archive ${target.name}` })).toHaveCount(0);
  await settings.close();

  await page.getByTestId("import-start").click();
  await expectPath(page, /^\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("import-status")).toHaveText("Failed", { timeout: 30_000 });
  const failed = page.getByTestId("import-failed");
  await expect(failed).toContainText("The import stopped");
  await expect(failed).toContainText("Reason: The target module was archived or removed after the rows were checked.");
  await expect(failed).toContainText("Nothing was written: no client was created or changed.");
  await expect(page.getByRole("button", { name: "Undo import" })).toHaveCount(0);
  await expectNoAxeViolations(page, "the import, step 5");

  const importPath = new URL(page.url()).pathname;
  await page.goto("/settings/imports");
  await expect(
    page
      .getByTestId("import-history")
      .getByRole("row")
      .filter({ has: page.locator(`a[href="${importPath}"]`) }),
  ).toContainText("Failed");
});
