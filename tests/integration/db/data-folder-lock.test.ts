import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openPglite } from "../../../db/drivers/pglite";

const root = path.resolve(import.meta.dirname, "../../..");

describe("the embedded data folder", () => {
  it("stops a second process on the same folder with a clear message and leaves the data intact", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-folder-"));
    const first = await openPglite({ dataDir });
    try {
      await first.migrate();
      await first.client.exec("create table marker (v text); insert into marker values ('kept');");

      // The second process must open the embedded folder, not a server.
      const env: NodeJS.ProcessEnv = { ...process.env, CRM_DATA_DIR: dataDir, DATABASE_URL: "" };
      const second = spawnSync("npx", ["tsx", "scripts/db-migrate.ts"], { cwd: root, env, encoding: "utf8" });
      expect(second.status).not.toBe(0);
      expect(second.stderr).toContain(`The data folder ${dataDir} is in use by another process (pid ${process.pid})`);

      const rows = await first.client.query<{ v: string }>("select v from marker");
      expect(rows.rows).toEqual([{ v: "kept" }]);
    } finally {
      await first.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
