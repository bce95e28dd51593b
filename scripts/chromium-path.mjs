import fs from "node:fs";

/** The system Chromium to test in: CHROMIUM_PATH, else Debian's; undefined: use Playwright's own. */
export function systemChromium() {
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium"]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}
