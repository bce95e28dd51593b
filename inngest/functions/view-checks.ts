import { getDb } from "@/db/client";
import { runDueViewChecks } from "@/lib/automations/view-checks";
import { defineJob } from "@/lib/jobs/define";

/**
 * SPEC §4: the daily checks of the automations matching a view. Every five minutes; each
 * automation's check runs once a day at its time in its workspace's zone (within five minutes of
 * it), so one function serves every automation and zone (lib/automations/view-checks.ts).
 */
export const viewChecks = defineJob({ id: "automations/view-checks", trigger: { cron: "*/5 * * * *" } }, async ({ run }) =>
  run("checks", async () => runDueViewChecks(await getDb(), new Date())),
);
