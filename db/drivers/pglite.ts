import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { migrationsFolder } from "../config";
import { lockDataFolder } from "../lock";
import * as schema from "../schema";
import type { Connection, Db } from "./types";

/** The list's text search uses trigram indexes (migration 0002 creates the extension). */
export const pgliteExtensions = { pg_trgm };

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<
  Connection & { client: PGlite }
> {
  let release = () => {};
  let client: PGlite;
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    release = lockDataFolder(options.dataDir);
    try {
      client = await PGlite.create({ dataDir: path.join(options.dataDir, "pglite"), extensions: pgliteExtensions });
    } catch (error) {
      release();
      throw error;
    }
  } else {
    client = await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir, extensions: pgliteExtensions } : { extensions: pgliteExtensions });
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
