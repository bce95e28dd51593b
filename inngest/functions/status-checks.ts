import { getDb } from "@/db/client";
import { defineJob } from "@/lib/jobs/define";
import { runDueStatusChecks } from "@/lib/statuses/checks";

/**
 * SPEC §3.2: the automatic module's daily status checks. Every hour; each workspace's modules run
 * once a day in its own time zone (lib/statuses/checks.ts), so one function serves every zone.
 */
export const statusChecks = defineJob({ id: "statuses/daily-checks", trigger: { cron: "5 * * * *" } }, async ({ run }) =>
  run("checks", async () => runDueStatusChecks(await getDb(), new Date())),
);
