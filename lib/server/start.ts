import "server-only";
import { getConnection, type Db } from "@/db/client";
import { isEmbedded } from "@/db/config";
import { openBackupEndpoint } from "@/lib/backups/backup";
import { demoLocale } from "@/lib/demo/locale";
import type { Locale } from "@/lib/i18n/locales";
import { demoBanner, demoWorkspaceLocale, seedDemoWorkspace } from "@/lib/demo/workspace";
import { startJobs, stopJobs } from "@/lib/jobs/start";
import { drainBeforeExit } from "./shutdown";
import { hasAnyWorkspace } from "@/lib/workspaces/setup";

export function isDemoEnabled(): boolean {
  return isEmbedded() ? process.env.CRM_DEMO !== "0" : process.env.CRM_DEMO === "1";
}

/**
 * What every start does to the database once it is open (and, embedded, migrated): seeds the demo
 * workspace into an empty one when the demo is on. `npm run api-key` calls it too, so a key made
 * before the app's first start finds the database as that start would have left it. Answers
 * whether it seeded now, and the demo workspace's language when there is one.
 */
export async function prepareDatabase(db: Db): Promise<{ isSeeded: boolean; demoLocale: Locale | null }> {
  if (!isDemoEnabled()) return { isSeeded: false, demoLocale: null };
  // The language matters (and a wrong CRM_DEMO_LOCALE stops the start) only on an empty database.
  const isSeeded = !(await hasAnyWorkspace(db)) && (await seedDemoWorkspace(db, demoLocale()));
  return { isSeeded, demoLocale: await demoWorkspaceLocale(db) };
}

/** Runs once per server process: opens (and, embedded, migrates) the database, seeds the demo. */
export async function startServer(): Promise<void> {
  const { db } = await getConnection();
  openBackupEndpoint();
  startJobs(db);
  drainBeforeExit(stopJobs);
  const { demoLocale: locale } = await prepareDatabase(db);
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
