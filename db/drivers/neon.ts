import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import { migrate } from "drizzle-orm/neon-serverless/migrator";
import ws from "ws";
import { migrationsFolder } from "../config";
import * as schema from "../schema";
import type { Connection, Db } from "./types";

// Node 20 has no global WebSocket.
neonConfig.webSocketConstructor = ws;

export function openNeon(url: string): Connection {
  const pool = new Pool({ connectionString: url });
  // A connection the server drops (restart, failover, idle timeout) must not crash the process:
  // the pool replaces it on the next query.
  pool.on("error", (error: Error) => console.error("Database connection lost:", error.message));
  const client = drizzle({ client: pool, schema });
  return {
    db: client as unknown as Db,
    driver: "neon",
    migrate: () => migrate(client, { migrationsFolder: migrationsFolder() }),
    close: () => pool.end(),
  };
}
