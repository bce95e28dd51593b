import { getDb } from "@/db/client";
import { pruneLoginAttempts as prune } from "@/lib/auth/throttle";
import { defineJob } from "@/lib/jobs/define";

/** Daily: sign-in attempts older than 30 days and locks that have run out. */
export const pruneLoginAttempts = defineJob(
  { id: "auth/prune-login-attempts", trigger: { cron: "TZ=Europe/Budapest 15 3 * * *" } },
  async ({ run }) => run("prune", async () => prune(await getDb(), new Date())),
);
