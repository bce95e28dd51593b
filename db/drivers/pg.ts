import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { migrationsFolder } from "../config";
import * as schema from "../schema";
import type { Connection, Db } from "./types";

export function openPg(url: string): Connection {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // A connection the server drops (restart, failover, idle timeout) must not crash the process:
  // the pool replaces it on the next query.
  pool.on("error", (error: Error) => console.error("Database connection lost:", error.message));
  const client = drizzle({ client: pool, schema });
  return {
    db: client as unknown as Db,
    driver: "pg",
    migrate: () => migrate(client, { migrationsFolder: migrationsFolder() }),
    close: () => pool.end(),
  };
}
