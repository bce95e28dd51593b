import type { Job } from "@/lib/jobs/define";
import { backupDatabase } from "./backup-database";
import { importRun } from "./import-run";
import { pruneJobHistory } from "./prune-job-history";
import { pruneLoginAttempts } from "./prune-login-attempts";
import { purgeTrash } from "./purge-trash";
import { relayOutbox } from "./relay-outbox";
import { runAutomations } from "./run-automations";
import { sendEmail } from "./send-email";
import { sendNewsletter } from "./send-newsletter";
import { statusChecks } from "./status-checks";
import { viewChecks } from "./view-checks";

/** Every function of the app: served at /api/inngest, and run by the embedded runtime. */
export const jobs: readonly Job[] = [pruneLoginAttempts, pruneJobHistory, relayOutbox, sendEmail, statusChecks, purgeTrash, backupDatabase, runAutomations, viewChecks, sendNewsletter, importRun];

export const inngestFunctions = jobs.map((job) => job.inngestFunction);
