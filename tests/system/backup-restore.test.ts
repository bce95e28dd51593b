import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backupsDirOf, listBackups } from "@/lib/backups/files";
import { createDatabase, dropDatabase } from "../support/postgres";
import { systemScratch } from "./support/scratch";
import { apiOf, copyFolder, runScript, type RunningApp } from "./support/app";

/*
 * Issue 18: `npm run db:backup` against the running app, `npm run db:restore` into new folders, and
 * the app started on each restored copy — on PGlite from both formats, and on a PostgreSQL server
 * from the SQL dump (a user moving from the embedded default to a server).
 */

const serverUrl = process.env.TEST_DATABASE_URL;
let serverDatabase: string | undefined;
const scratch = systemScratch("crm-backup-restore", {
  cleanup: async () => {
    if (serverDatabase) await dropDatabase(serverUrl!, serverDatabase);
  },
});

type Datasheet = { id: string; version: number; business: { name: string }; status: { key: string } };

/** What a user of the API sees of the workspace: its users, every datasheet of the module, and a few whole. */
async function snapshot(app: RunningApp, sample: string[]) {
  const api = apiOf(app, scratch.template.key);
  const datasheets: { id: string; version: number }[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { data: Datasheet[]; nextCursor: string | null } } = await api.get(
      `/datasheets?moduleId=${scratch.template.moduleId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    datasheets.push(...page.body.data.map(({ id, version }) => ({ id, version })));
    cursor = page.body.nextCursor;
  } while (cursor);
  const users = (await api.get<{ data: { id: string; email: string }[] }>("/users")).body;
  const records = await Promise.all(sample.map(async (id) => (await api.get(`/datasheets/${id}`)).body));
  return { datasheets: datasheets.sort((a, b) => a.id.localeCompare(b.id)), users, records };
}

const hasPsql = (() => {
  try {
    execFileSync("psql", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("backups of the running app, restored [system]", () => {
  it("db:backup asks the running app, db:restore makes new folders the app starts on with the same data, and the SQL dump runs the app on PostgreSQL", async () => {
    const source = copyFolder(scratch.template.dir, path.join(scratch.root, "source"));
    const app = await scratch.start(source);
    const api = apiOf(app, scratch.template.key);
    const sample: string[] = [];
    for (const name of ["Mentés Kft.", "Visszaállítás Bt.", "Árvíztűrő Zrt."]) {
      const created = await api.post<Datasheet>("/datasheets", {
        moduleId: scratch.template.moduleId,
        business: { name, email: `${randomBytes(3).toString("hex")}@example.test` },
        responsibleUserId: scratch.template.adminId,
      });
      expect(created.status).toBe(201);
      sample.push(created.body.id);
    }
    await api.post(`/datasheets/${sample[0]}/todos`, { text: "Send the quote", dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    const expected = await snapshot(app, sample);
    expect(expected.datasheets.length).toBeGreaterThan(10);

    // While the app runs: the script asks it, in each format.
    const tarFile = path.join(scratch.root, "crm.tar.gz");
    const sqlFile = path.join(scratch.root, "crm.sql");
    const intoFolder = await runScript("db:backup", [], source);
    expect(intoFolder.stderr).toBe("");
    const written = new RegExp(`Backup written: (.*crm-\\d{8}T\\d{6}Z\\.tar\\.gz) \\(\\d+ bytes\\), taken by the running app \\(pid ${app.pid}\\)`).exec(
      intoFolder.stdout,
    );
    expect(written, intoFolder.stdout).not.toBeNull();
    // Named by the file it wrote, not by a count: the app's own daily backup may run meanwhile
    // (a tick missed while it was stopped runs once at its start).
    const kept = listBackups(backupsDirOf(source)).map((backup) => backup.file);
    expect(kept).toContain(path.resolve(written![1]!));
    expect(kept.length).toBeLessThanOrEqual(7);
    for (const [file, format] of [
      [tarFile, "tar"],
      [sqlFile, "sql"],
    ] as const) {
      const result = await runScript("db:backup", ["--out", file], source);
      expect({ code: result.code, stderr: result.stderr, format }).toEqual({ code: 0, stderr: "", format });
      expect(result.stdout).toContain("taken by the running app");
    }
    // A restore never goes into the running app's folder.
    const intoRunning = await runScript("db:restore", [tarFile, "--force"], source);
    expect(intoRunning.code).toBe(1);
    expect(intoRunning.stderr).toMatch(/in use by another process[\s\S]*Stop the app/);

    // Each format into a new folder; the app starts there with the same data.
    for (const file of [tarFile, sqlFile]) {
      const target = path.join(scratch.root, `restored-${path.basename(file)}`);
      const restored = await runScript("db:restore", [file], target);
      expect({ code: restored.code, stderr: restored.stderr }).toEqual({ code: 0, stderr: "" });
      const refused = await runScript("db:restore", [file], target);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/holds a database already[\s\S]*--force/);
      const copy = await scratch.start(target);
      expect(await snapshot(copy, sample)).toEqual(expected);
      await copy.kill("SIGTERM");
    }

    // The SQL dump on a PostgreSQL server: the app runs on it with the same data and the same key.
    if (serverUrl && hasPsql) {
      serverDatabase = await createDatabase(serverUrl, "crm_system");
      execFileSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-d", serverDatabase, "-f", sqlFile], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      const onServer = await scratch.start(path.join(scratch.root, "unused"), {
        DATABASE_URL: serverDatabase,
        AUTH_SECRET: randomBytes(33).toString("base64"),
      });
      expect(await snapshot(onServer, sample)).toEqual(expected);
      await onServer.kill("SIGTERM");
    }
    await app.kill("SIGTERM");
  });
});
