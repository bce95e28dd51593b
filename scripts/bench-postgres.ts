import { sql } from "drizzle-orm";
import { openPg } from "../db/drivers/pg";
import type { Connection } from "../db/drivers/types";

/**
 * A bench's PostgreSQL run: a database of its own on the server `serverUrl` names (created for
 * `fn`, dropped afterwards whatever happens), so that the figures never touch the tests' data.
 * `fn` also gets the database's URL, for a server process of its own (scripts/bench-server.ts).
 */
export async function onThrowawayDatabase(serverUrl: string, prefix: string, fn: (connection: Connection, url: string) => Promise<void>): Promise<void> {
  const name = `${prefix}_${process.pid}`;
  const admin = openPg(serverUrl);
  await admin.db.execute(sql.raw(`create database ${name}`));
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const connection = openPg(url.toString());
    try {
      await fn(connection, url.toString());
    } finally {
      await connection.close();
    }
  } finally {
    await admin.db.execute(sql.raw(`drop database if exists ${name}`));
    await admin.close();
  }
}
