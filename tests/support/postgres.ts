import { randomBytes } from "node:crypto";
import pg from "pg";

/** The server URL with another database name in its path. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server; returns its URL. */
export async function createDatabase(serverUrl: string, prefix = "crm_it"): Promise<string> {
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await onServer(serverUrl, (client) => client.query(`create database "${name}"`));
  return databaseUrl(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await onServer(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
}
