import { getDb } from "@/db/client";
import { defineJob } from "@/lib/jobs/define";
import { pruneJobHistory as prune } from "@/lib/jobs/history";

/** Daily: completed runs and relayed outbox events older than 30 days. */
export const pruneJobHistory = defineJob(
  { id: "jobs/prune-history", trigger: { cron: "TZ=Europe/Budapest 45 3 * * *" } },
  async ({ run }) => run("prune", async () => prune(await getDb(), new Date())),
);
