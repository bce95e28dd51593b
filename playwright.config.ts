import { defineConfig } from "@playwright/test";
import { testChromium } from "./scripts/chromium-path.mjs";
import { baseURL, e2ePort, hungarianPort, hungarianURL } from "./tests/e2e/support/servers";

const PORT = e2ePort;
const HU_PORT = hungarianPort;
const isCI = Boolean(process.env.CI);

/**
 * End-to-end tests against the built app (`next build` first). The server runs on a fresh
 * embedded database, seeded with the demo workspace; its single PGlite process is why at most
 * two workers run at once.
 */
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 2,
  retries: isCI ? 1 : 0,
  forbidOnly: isCI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL,
    // Recording a trace for every test costs CPU on a 2-core runner: CI records the retry of a
    // failed test; a local run (no retries) keeps the trace of each failure.
    trace: isCI ? "on-first-retry" : "retain-on-failure",
    screenshot: "only-on-failure",
    video: "off",
    launchOptions: {
      // A system Chromium when there is one (CHROMIUM_PATH, then Debian's headless shell, then its full Chromium); else Playwright's own.
      executablePath: testChromium(),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    {
      name: "desktop",
      dependencies: ["setup"],
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      name: "phone",
      dependencies: ["setup"],
      use: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
  ],
  webServer: [
    {
      command: `rm -rf .data-e2e && npx next start -p ${PORT} --keepAliveTimeout 65000`,
      url: `${baseURL}/api/health`,
      env: {
        CRM_DATA_DIR: ".data-e2e",
        // The tests read the English demo, whatever the machine's LANG.
        CRM_DEMO_LOCALE: "en",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_TRUST_HOST: "true",
        PORT: String(PORT),
      },
      reuseExistingServer: !isCI,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // A second, Hungarian first start (its own data folder): the demo seeded in Hungarian.
      command: `rm -rf .data-e2e-hu && npx next start -p ${HU_PORT} --keepAliveTimeout 65000`,
      url: `${hungarianURL}/api/health`,
      env: {
        CRM_DATA_DIR: ".data-e2e-hu",
        CRM_DEMO_LOCALE: "hu",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_TRUST_HOST: "true",
        PORT: String(HU_PORT),
      },
      reuseExistingServer: !isCI,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
