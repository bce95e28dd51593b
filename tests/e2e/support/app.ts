import { expect, type Browser, type BrowserContext, type Locator, type Page, type Response, type TestInfo } from "@playwright/test";
import type { Role } from "@/db/schema";
import { englishName, signedOut, storageStateOf } from "./users";

/** Below Tailwind's `md` the sidebar gives way to a compact header with a menu sheet. */
export function isPhoneLayout(page: Page): boolean {
  return (page.viewportSize()?.width ?? 1280) < 768;
}

export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

export async function expectPath(page: Page, path: string | RegExp): Promise<void> {
  await expect(page).toHaveURL((url) => (typeof path === "string" ? url.pathname === path : path.test(url.pathname)));
}

/**
 * The answer of the next server action the page calls: a change shown at once (optimistically)
 * is saved only when this comes back. Start waiting before the click that saves.
 */
export function nextActionAnswer(page: Page): Promise<Response> {
  return page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined);
}

/** Does what sends a server action, and waits for that action's answer (which it returns). */
export async function answered(page: Page, act: () => Promise<void>): Promise<Response> {
  const answer = nextActionAnswer(page);
  await act();
  return answer;
}

let sequence = 0;
/** An address no other run or project uses. */
export function uniqueEmail(testInfo: TestInfo, tag: string): string {
  sequence += 1;
  return `${testInfo.project.name}-${tag}-${Date.now()}-${testInfo.workerIndex}-${sequence}@e2e.test`;
}

/**
 * A new context with this project's viewport and device settings. Playwright Test gives manual
 * contexts the `use` options, the file's storage state included; `role` picks a session instead.
 */
export async function newContext(browser: Browser, role: Role | "signedOut"): Promise<BrowserContext> {
  return browser.newContext({ storageState: role === "signedOut" ? signedOut : storageStateOf(role) });
}

/** Fills and sends the real sign-in form. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await submitLogin(page, email, password);
  await expectPath(page, "/");
}

/** A fresh context signed in through the form as the given user. */
export async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await newContext(browser, "signedOut");
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

/** The account menu trigger on screen: in the sidebar on a desktop, in the header on a phone. */
export function userMenuTrigger(page: Page): Locator {
  return page.getByTestId("user-menu").filter({ visible: true });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The account menu trigger's accessible name. The header's (phone) shows only the picture and is
 * labelled "Account menu of <name>" ("<name> fiókmenüje"); the sidebar's is named by the name and
 * email it shows.
 */
export function userMenuName(name: string, locale: "en" | "hu" = "en"): RegExp {
  const who = escapeRegExp(name);
  return locale === "en" ? new RegExp(`^(Account menu of ${who}|${who} \\S+@\\S+)$`) : new RegExp(`^(${who} fiókmenüje|${who} \\S+@\\S+)$`);
}

export async function openUserMenu(page: Page): Promise<Locator> {
  await userMenuTrigger(page).click();
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  return menu;
}

export async function signOut(page: Page): Promise<void> {
  const menu = await openUserMenu(page);
  await menu.getByTestId("sign-out").click();
  await expectPath(page, "/login");
}

/** The main navigation as the user reaches it: the sidebar, or on a phone the menu sheet. */
export async function openNav(page: Page, menuLabel = "Open menu", navLabel = "Main"): Promise<Locator> {
  if (isPhoneLayout(page)) {
    await page.getByRole("button", { name: menuLabel }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
  }
  const nav = page.getByRole("navigation", { name: navLabel, exact: true });
  await expect(nav).toBeVisible();
  return nav;
}

export type CreatedUser = {
  id: string;
  email: string;
  password: string;
  familyName: string;
  givenName: string;
  role: Role;
  name: string;
};

/**
 * The link of the newest invitation to `email`, read in the mailbox as an admin would (the
 * embedded default keeps every email there). Returns the link's path: the email's links name the
 * app's configured address, the tests reach it on 127.0.0.1.
 */
export async function invitationPathFor(page: Page, email: string): Promise<string> {
  await page.goto("/mailbox");
  await page.getByTestId("mailbox-email").filter({ hasText: email }).first().getByRole("link").click();
  await expectPath(page, /^\/mailbox\/[^/]+$/);
  const text = (await page.getByTestId("email-text").textContent()) ?? "";
  const link = text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)?.[0];
  if (!link) throw new Error(`no invitation link in the email to ${email}`);
  return new URL(link).pathname;
}

/** Sets a password through an invitation link, signed out, and signs the user in. */
export async function acceptInvitation(page: Page, path: string, password: string): Promise<void> {
  await page.goto(path);
  await page.getByLabel(/^New password(?! again)/).fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expectPath(page, "/");
}

/**
 * Creates a user through the admin's New user form, as an administrator would, and lets the user
 * choose their password through the invitation the mailbox shows.
 */
export async function createUserAsAdmin(
  browser: Browser,
  testInfo: TestInfo,
  options: { role?: Role; tag?: string; familyName?: string; givenName?: string } = {},
): Promise<CreatedUser> {
  const context = await newContext(browser, "admin");
  const page = await context.newPage();
  const user = {
    email: uniqueEmail(testInfo, options.tag ?? "user"),
    password: `pw-${Date.now()}-e2e`,
    familyName: options.familyName ?? "Próba",
    givenName: options.givenName ?? "Ilona",
    role: options.role ?? "normal",
  };
  try {
    await page.goto("/settings/users/new");
    await page.getByLabel("Family name").fill(user.familyName);
    await page.getByLabel("Given name").fill(user.givenName);
    await page.getByLabel("Login email").fill(user.email);
    await page.getByLabel("Role").selectOption(user.role);
    await page.getByRole("button", { name: "Create and invite" }).click();
    await expectPath(page, /^\/settings\/users\/[^/]+$/);
    await expect(page.getByTestId("user-created")).toBeVisible();
    const id = pathOf(page).split("/").pop()!;
    const path = await invitationPathFor(page, user.email);
    const invitee = await (await newContext(browser, "signedOut")).newPage();
    try {
      await acceptInvitation(invitee, path, user.password);
    } finally {
      await invitee.context().close();
    }
    return { ...user, id, name: englishName(user) };
  } finally {
    await context.close();
  }
}

/** Settings → Modules → New module of a kind, named; ends on the new module's settings page and returns its path. */
export async function createModuleInSettings(page: Page, kind: string, name: string, kindLabel?: string): Promise<string> {
  await page.goto("/settings/modules");
  await page.getByRole("button", { name: "New module" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByTestId(`kind-${kind}`).click();
  if (kindLabel) await expect(dialog.getByTestId(`kind-${kind}`)).toContainText(kindLabel);
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expectPath(page, /^\/settings\/modules\/[^/?]+$/);
  return pathOf(page);
}
