import { chooseDriver, dataDir, isEmbedded } from "./config";
import type { Connection, Db } from "./drivers/types";

export type { Db } from "./drivers/types";
/** A transaction handle; it offers the same query API as Db. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/**
 * What a service runs in: the database, or the transaction of a caller composing several services.
 * `conn.transaction(fn)` opens a transaction on the first and a savepoint inside the second, so a
 * service is atomic on its own and rolls back with its caller.
 */
export type Conn = Db | Tx;

type Holder = { connection?: Promise<Connection> };
// The module is evaluated more than once per process (instrumentation, app bundle, hot reload):
// one connection per process lives on globalThis.
const holder = ((globalThis as { __crmDb?: Holder }).__crmDb ??= {});

export async function openConnection(url = process.env.DATABASE_URL): Promise<Connection> {
  switch (chooseDriver(url)) {
    case "pglite": {
      const { openPglite } = await import("./drivers/pglite");
      const connection = await openPglite({ dataDir: dataDir() });
      // The embedded default migrates itself; a server is migrated with `npm run db:migrate`.
      await connection.migrate();
      return connection;
    }
    case "neon": {
      const { openNeon } = await import("./drivers/neon");
      return openNeon(url!);
    }
    case "pg": {
      const { openPg } = await import("./drivers/pg");
      return openPg(url!);
    }
  }
}

export function getConnection(): Promise<Connection> {
  if (!holder.connection) {
    holder.connection = openConnection();
    holder.connection.catch(() => {
      holder.connection = undefined;
    });
  }
  return holder.connection;
}

export async function getDb(): Promise<Db> {
  return (await getConnection()).db;
}

/** Tests and scripts hand in the connection to use. */
export function useConnection(connection: Connection): void {
  holder.connection = Promise.resolve(connection);
}

export { isEmbedded };
