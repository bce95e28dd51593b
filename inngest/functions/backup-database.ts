import { backUpEmbeddedDatabase } from "@/lib/backups/backup";
import { defineJob } from "@/lib/jobs/define";

/**
 * Daily: a backup of the embedded database into .data/backups (the last 7 kept), taken by the
 * process that owns the folder. On a PostgreSQL server it does nothing: the server backs itself up.
 */
export const backupDatabase = defineJob({ id: "db/daily-backup", trigger: { cron: "TZ=UTC 45 1 * * *" } }, async ({ run }) =>
  run("backup", async () => {
    const backup = await backUpEmbeddedDatabase(new Date());
    return backup ? { file: backup.file, size: backup.size } : { skipped: "not embedded" };
  }),
);
