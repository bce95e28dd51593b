import fs from "node:fs";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { useConnection as setServicesConnection, type Db } from "@/db/client";
import { openPg } from "@/db/drivers/pg";
import { openPglite } from "@/db/drivers/pglite";
import type { Connection } from "@/db/drivers/types";

export type Backend = "pglite" | "postgres";

let active: Db | undefined;

/** The database the services use in the running suite (what `getDb()` answers), for the services' first argument. */
export function testDb(): Db {
  if (!active) throw new Error("No test database is open: call inside a test or a hook of describeEachBackend.");
  return active;
}

/** Points the services (and testDb) at a connection. */
export function pointServicesAt(connection: Connection): void {
  setServicesConnection(connection);
  active = connection.db;
}

const postgresUrl = inject("postgresUrl");

/** PGlite always; the PostgreSQL server too when TEST_DATABASE_URL was set. */
export const backends: readonly Backend[] = postgresUrl ? ["pglite", "postgres"] : ["pglite"];

/** A private copy of the migrated, empty database: for tests that need an empty installation. */
export function openPgliteClone(): Promise<Connection> {
  return openPglite({ loadDataDir: new Blob([fs.readFileSync(inject("pgliteDump"))]) });
}

/**
 * Another connection to the same database, to show that state lives in the database and not in
 * the process. PGlite is in-process and single-connection: there it is the same connection.
 */
async function openAnother(backend: Backend, current: Connection): Promise<Connection> {
  if (backend === "pglite") return { ...current, close: async () => {} };
  return openPg(postgresUrl!);
}

export interface BackendContext {
  readonly backend: Backend;
  /** The connection the services are using in this suite (set in beforeAll). */
  db(): Db;
  openAnotherConnection(): Promise<Connection>;
}

/**
 * Runs the suite once per backend, with the services' connection (`getDb()`) pointed at it. A
 * PGlite suite gets a fresh clone; the Postgres database is shared by every file, so tests build
 * their own workspaces and never count on an empty table.
 */
export function describeEachBackend(name: string, fn: (context: BackendContext) => void): void {
  for (const backend of backends) {
    describe(`${name} [${backend}]`, () => {
      let connection: Connection | undefined;
      const current = () => {
        if (!connection) throw new Error("The backend opens in beforeAll: use it inside a test or a hook.");
        return connection;
      };
      beforeAll(async () => {
        connection = backend === "pglite" ? await openPgliteClone() : openPg(postgresUrl!);
        pointServicesAt(connection);
      });
      afterAll(async () => {
        await connection?.close();
        connection = undefined;
      });
      fn({ backend, db: () => current().db, openAnotherConnection: () => openAnother(backend, current()) });
    });
  }
}
