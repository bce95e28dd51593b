import { getDb } from "@/db/client";
import { purgeExpiredTrash } from "@/lib/datasheets/trash";
import { defineJob } from "@/lib/jobs/define";

/**
 * Daily: datasheets trashed longer ago than their workspace's retention (Settings → Workspace,
 * 30 days by default) are deleted for good. Counted in instants, so one run serves every zone.
 */
export const purgeTrash = defineJob({ id: "datasheets/purge-trash", trigger: { cron: "TZ=UTC 15 2 * * *" } }, async ({ run }) =>
  run("purge", async () => purgeExpiredTrash(await getDb(), new Date())),
);
