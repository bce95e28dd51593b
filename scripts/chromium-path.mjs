import fs from "node:fs";

const firstExisting = (candidates) => candidates.find((candidate) => candidate && fs.existsSync(candidate));

/**
 * The full system Chromium, for Lighthouse in the bench (it needs the whole browser, not the
 * headless shell): CHROMIUM_PATH, else Debian's; undefined: none, and chrome-launcher looks itself.
 */
export function systemChromium() {
  return firstExisting([process.env.CHROMIUM_PATH, "/usr/bin/chromium"]);
}

/**
 * The browser the end-to-end tests drive: CHROMIUM_PATH, else Debian's headless shell (the old
 * headless mode, which Playwright itself runs headless tests in: no browser UI behind the page, so
 * a test costs the 2-core runner far less), else Debian's full Chromium; undefined: Playwright's own.
 */
export function testChromium() {
  return firstExisting([process.env.CHROMIUM_PATH, "/usr/bin/chromium-headless-shell", "/usr/bin/chromium"]);
}
