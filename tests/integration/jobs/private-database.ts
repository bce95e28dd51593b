import { afterAll, beforeAll, describe, inject } from "vitest";
import type { Db } from "@/db/client";
import { openPg } from "@/db/drivers/pg";
import type { Connection } from "@/db/drivers/types";
import { backends, openPgliteClone, pointServicesAt, type Backend } from "../../support/db";
import { createDatabase, dropDatabase } from "../../support/postgres";

/**
 * Like describeEachBackend, but on a database of the suite's own. For code that takes every due
 * row of the database (the Inngest relay, the housekeeping crons): on the PostgreSQL database the
 * other files share, it would take theirs too.
 */
export function describeOnPrivateDatabase(name: string, fn: (context: { backend: Backend; db(): Db }) => void): void {
  const serverUrl = inject("postgresUrl");
  for (const backend of backends) {
    describe(`${name} [${backend}]`, () => {
      let connection: Connection | undefined;
      let url: string | undefined;
      beforeAll(async () => {
        if (backend === "pglite") {
          connection = await openPgliteClone();
        } else {
          url = await createDatabase(serverUrl!, "crm_it_jobs");
          connection = openPg(url);
          await connection.migrate();
        }
        pointServicesAt(connection);
      });
      afterAll(async () => {
        await connection?.close();
        if (url) await dropDatabase(serverUrl!, url);
      });
      fn({
        backend,
        db: () => {
          if (!connection) throw new Error("The database opens in beforeAll: use it inside a test or a hook.");
          return connection.db;
        },
      });
    });
  }
}
