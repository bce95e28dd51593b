/**
 * Before the browser tests: a Chromium to run them in. A system one is used when there is one
 * (CHROMIUM_PATH, then Debian's headless shell or /usr/bin/chromium: offline CI); otherwise Playwright's own, which is
 * downloaded here the first time (a laptop with internet access). playwright.config.ts makes the
 * same choice (lib: scripts/chromium-path.mjs).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { testChromium } from "./chromium-path.mjs";

if (!testChromium()) {
  const { chromium } = await import("@playwright/test");
  if (!fs.existsSync(chromium.executablePath())) {
    console.error("No system Chromium (CHROMIUM_PATH, /usr/bin/chromium-headless-shell or /usr/bin/chromium): installing Playwright's Chromium…");
    const result = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
    process.exit(result.status ?? 1);
  }
}
