import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openPg } from "@/db/drivers/pg";
import { openPglite } from "@/db/drivers/pglite";
import { authenticateApiKey, listApiKeys } from "@/lib/api/keys";
import { createWorkspace } from "../../factories";
import { pointServicesAt } from "../../support/db";

const root = path.resolve(import.meta.dirname, "../../..");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run api-key -- …` as a person at the terminal runs it. */
function apiKeyCommand(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "api-key", "--", ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const lastLine = (text: string) => text.trimEnd().split("\n").pop() ?? "";
/** A stack trace's frames: what the command must never show a person. */
const stackFrame = /^\s+at\s/m;

describe("npm run api-key on the embedded database", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-api-key-"));
  // The embedded database in that folder, whatever the machine's DATABASE_URL; the demo in English.
  const env = { CRM_DATA_DIR: dataDir, DATABASE_URL: "", CRM_DEMO: "", CRM_DEMO_LOCALE: "en" };
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("explains its usage when the email is missing or is not one, and touches nothing", async () => {
    for (const args of [
      ["--name", "x"],
      ["--email", "not-an-email"],
      ["--emial", "admin@demo.test"],
    ]) {
      const run = await apiKeyCommand(args, env);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toContain("Usage: npm run api-key -- --email <user email> [--name <label>]");
      expect(run.stderr).not.toMatch(stackFrame);
      expect(run.stdout).toBe("");
    }
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("on an empty folder sets the database up as the first start does and prints a working key last", async () => {
    const run = await apiKeyCommand(["--email", "Admin@Demo.test", "--name", "Website form"], env);
    expect(run.stderr).not.toMatch(stackFrame);
    expect(run.status).toBe(0);
    const key = lastLine(run.stdout);
    expect(key).toMatch(/^crm_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);

    // The app, started later on the folder, finds the demo workspace and takes the key.
    const connection = await openPglite({ dataDir });
    try {
      pointServicesAt(connection);
      const caller = await authenticateApiKey(`Bearer ${key}`);
      expect(caller).toMatchObject({ role: "admin" });
      const keys = await listApiKeys(caller!);
      expect(keys).toEqual([expect.objectContaining({ name: "Website form", owner: expect.objectContaining({ email: "admin@demo.test" }) })]);

      // While a process (here: this one, as the app would) holds the folder, the command stops.
      const refused = await apiKeyCommand(["--email", "admin@demo.test"], env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`The data folder ${dataDir} is in use by another process (pid ${process.pid})`);
      expect(refused.stderr).toContain("is the app running");
      expect(refused.stderr).not.toMatch(stackFrame);
      expect(refused.stdout).toBe("");
      expect(await listApiKeys(caller!)).toHaveLength(1);
    } finally {
      await connection.close();
    }
  }, 300_000); // Migrating and seeding in a fresh process: two minutes were not enough on a busy 2-core machine.

  it("names an unknown login without making anything", async () => {
    const run = await apiKeyCommand(["--email", "nobody@demo.test"], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("No user signs in with nobody@demo.test.");
    expect(run.stderr).not.toMatch(stackFrame);
    expect(run.stdout).toBe("");
  }, 60_000);
});

const postgresUrl = inject("postgresUrl");

describe.runIf(postgresUrl)("npm run api-key on a PostgreSQL server", () => {
  it("makes a key for a user of DATABASE_URL's database", async () => {
    const connection = openPg(postgresUrl!);
    try {
      pointServicesAt(connection);
      const { actors, users } = await createWorkspace();
      const run = await apiKeyCommand(["--email", users.manager.email], { DATABASE_URL: postgresUrl!, CRM_DEMO: "" });
      expect(run.stderr).not.toMatch(stackFrame);
      expect(run.status).toBe(0);
      expect(await authenticateApiKey(`Bearer ${lastLine(run.stdout)}`)).toMatchObject({ userId: actors.manager.userId, role: "manager" });
    } finally {
      await connection.close();
    }
  }, 60_000);
});
