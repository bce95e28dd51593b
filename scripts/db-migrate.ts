/**
 * `npm run db:migrate`: applies the committed migrations to DATABASE_URL (Neon or any Postgres),
 * or to the embedded database in CRM_DATA_DIR when no DATABASE_URL is set.
 */
import { openConnection } from "../db/client";

const connection = await openConnection();
try {
  await connection.migrate();
  console.log(`Migrations applied (${connection.driver}).`);
} finally {
  await connection.close();
}
