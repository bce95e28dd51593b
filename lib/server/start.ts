import "server-only";
import { getConnection } from "@/db/client";
import { isEmbedded } from "@/db/config";
import { demoLocale } from "@/lib/demo/locale";
import { demoBanner, demoWorkspaceLocale, seedDemoWorkspace } from "@/lib/demo/workspace";
import { startJobs } from "@/lib/jobs/start";
import { hasAnyWorkspace } from "@/lib/workspaces/setup";

export function isDemoEnabled(): boolean {
  return isEmbedded() ? process.env.CRM_DEMO !== "0" : process.env.CRM_DEMO === "1";
}

/** Runs once per server process: opens (and, embedded, migrates) the database, seeds the demo. */
export async function startServer(): Promise<void> {
  const { db } = await getConnection();
  startJobs(db);
  if (!isDemoEnabled()) return;
  // The language matters (and a wrong CRM_DEMO_LOCALE stops the start) only on an empty database.
  if (!(await hasAnyWorkspace(db))) await seedDemoWorkspace(db, demoLocale());
  const locale = await demoWorkspaceLocale(db);
  if (locale) console.log(`\n${demoBanner(locale)}\n`);
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
