import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { startApp, type RunningApp, type Template } from "./app";

/**
 * One system test file's scratch: a temporary folder, the prepared template (tests/system/support/global-setup.ts),
 * and every app the file starts — all killed (SIGKILL: a test may have left one half-way) and the
 * folder removed once the file is done, whatever happened.
 */
export function systemScratch(prefix: string, options: { cleanup?: () => Promise<void> } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const running: RunningApp[] = [];
  let template: Template | undefined;

  beforeAll(() => {
    template = inject("systemTemplate");
  });

  afterAll(async () => {
    for (const app of running) await app.kill("SIGKILL");
    await options.cleanup?.();
    fs.rmSync(root, { recursive: true, force: true });
  });

  return {
    root,
    get template(): Template {
      if (!template) throw new Error("The template is read in beforeAll: use it inside a test.");
      return template;
    },
    /** `next start` on the folder (see startApp), killed after the file if the test has not. */
    async start(dir: string, extra: Record<string, string> = {}): Promise<RunningApp> {
      const app = await startApp(dir, extra);
      running.push(app);
      return app;
    },
  };
}
