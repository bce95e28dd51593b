import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { migrationsFolder } from "../config";
import { lockDataFolder } from "../lock";
import * as schema from "../schema";
import type { Connection, Db } from "./types";

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<
  Connection & { client: PGlite }
> {
  let release = () => {};
  let client: PGlite;
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    release = lockDataFolder(options.dataDir);
    try {
      client = await PGlite.create({ dataDir: path.join(options.dataDir, "pglite") });
    } catch (error) {
      release();
      throw error;
    }
  } else {
    client = await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    client,
    driver: "pglite",
    migrate: () => migrate(drizzle(client, { schema }), { migrationsFolder: migrationsFolder() }),
    async close() {
      await client.close();
      release();
    },
  };
}
