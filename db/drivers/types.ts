import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "../schema";

export type Schema = typeof schema;
/** The one database type the rest of the code sees, whatever the driver. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Connection {
  db: Db;
  driver: "pglite" | "neon" | "pg";
  migrate(): Promise<void>;
  close(): Promise<void>;
}
