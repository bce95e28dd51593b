import "server-only";
import { getConnection } from "@/db/client";
import { isEmbedded } from "@/db/config";
import { demoBanner, hasDemoWorkspace, seedDemoWorkspace } from "@/lib/demo/workspace";
import { startJobs } from "@/lib/jobs/start";

export function isDemoEnabled(): boolean {
  return isEmbedded() ? process.env.CRM_DEMO !== "0" : process.env.CRM_DEMO === "1";
}

/** Runs once per server process: opens (and, embedded, migrates) the database, seeds the demo. */
export async function startServer(): Promise<void> {
  const { db } = await getConnection();
  startJobs(db);
  if (!isDemoEnabled()) return;
  await seedDemoWorkspace(db);
  if (await hasDemoWorkspace(db)) console.log(`\n${demoBanner()}\n`);
}

/** A locked data folder or an unreachable database: say so and stop, rather than serve errors. */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
