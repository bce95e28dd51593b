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

/** Migrating takes ≈ 4 s: do it once per run and hand out copies. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pglite = await openPglite();
  let dumpPath: string;
  try {
    await pglite.migrate();
    const dump = await pglite.client.dumpDataDir("gzip");
    dumpPath = path.join(os.tmpdir(), `crm-test-pglite-${process.pid}-${randomBytes(4).toString("hex")}.tar.gz`);
    fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
  project.provide("pgliteDump", dumpPath);

  const serverUrl = process.env.TEST_DATABASE_URL;
  let postgresUrl: string | null = null;
  if (serverUrl) {
    postgresUrl = await createDatabase(serverUrl);
    const connection = openPg(postgresUrl);
    try {
      await connection.migrate();
    } finally {
      await connection.close();
    }
  }
  project.provide("postgresUrl", postgresUrl);

  return async () => {
    fs.rmSync(dumpPath, { force: true });
    if (serverUrl && postgresUrl) await dropDatabase(serverUrl, postgresUrl);
  };
}
