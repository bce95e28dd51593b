import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openPg } from "@/db/drivers/pg";
import { openPglite } from "@/db/drivers/pglite";
import { createDatabase, dropDatabase } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated, empty PGlite data folder (tar.gz) that each test file clones. */
    pgliteDump: string;
    /** A migrated database on TEST_DATABASE_URL's server, shared by all files; null without one. */
    postgresUrl: string | null;
  }
}

/** Migrating PGlite takes ≈ 4 s: do it once per run and let every file load a copy. */
async function dumpMigratedPglite(): Promise<string> {
  const pglite = await openPglite();
  try {
    await pglite.migrate();
    const dump = await pglite.client.dumpDataDir("gzip");
    const dumpPath = path.join(os.tmpdir(), `crm-test-pglite-${process.pid}-${randomBytes(4).toString("hex")}.tar.gz`);
    fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
    return dumpPath;
  } finally {
    await pglite.close();
  }
}

async function createMigratedDatabase(serverUrl: string): Promise<string> {
  const url = await createDatabase(serverUrl);
  const connection = openPg(url);
  try {
    await connection.migrate();
  } catch (error) {
    await connection.close();
    await dropDatabase(serverUrl, url);
    throw error;
  }
  await connection.close();
  return url;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const [dumpPath, postgresUrl] = await Promise.all([
    dumpMigratedPglite(),
    serverUrl ? createMigratedDatabase(serverUrl) : null,
  ]);
  project.provide("pgliteDump", dumpPath);
  project.provide("postgresUrl", postgresUrl);

  return async () => {
    fs.rmSync(dumpPath, { force: true });
    if (serverUrl && postgresUrl) await dropDatabase(serverUrl, postgresUrl);
  };
}
