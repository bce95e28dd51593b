import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "@/db/drivers/pglite";
import { BACKUPS_KEPT, holdsDatabase, listBackups, writeBackup } from "@/lib/backups/files";
import { restoreInto } from "@/lib/backups/restore";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "crm-backups-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const DAY = 86_400_000;

// Backups are PGlite's own: a data folder of its own, migrated as the app's first start does.
describe("backups of the embedded database [pglite]", () => {
  // Nine dumps and three restores of a real folder: slow on a busy two-core machine.
  it("writes a backup a new folder restores to the same data, keeps the newest 7, and refuses to overwrite without force", { timeout: 150_000 }, async () => {
    const source = path.join(root, "source");
    const connection = await openPglite({ dataDir: source });
    await connection.migrate();
    await connection.db.execute(sql`insert into workspaces (name, time_zone) values ('Mentett Kft.', 'Pacific/Auckland')`);
    const backups = path.join(source, "backups");
    const first = new Date("2026-03-01T01:45:00Z");
    for (let day = 0; day < BACKUPS_KEPT + 2; day++) await writeBackup(connection.client, backups, new Date(first.getTime() + day * DAY));
    await connection.close();

    const kept = listBackups(backups);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]!.at).toEqual(new Date(first.getTime() + (BACKUPS_KEPT + 1) * DAY));
    expect(kept.at(-1)!.at).toEqual(new Date(first.getTime() + 2 * DAY));
    expect(kept.every((b) => b.size > 0)).toBe(true);

    const target = path.join(root, "target");
    await restoreInto(kept[0]!.file, target, { force: false });
    expect(holdsDatabase(path.join(target, "pglite"))).toBe(true);
    const restored = await openPglite({ dataDir: target });
    const rows = await restored.db.execute(sql`select name, time_zone from workspaces`);
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([{ name: "Mentett Kft.", time_zone: "Pacific/Auckland" }]);
    await restored.close();

    await expect(restoreInto(kept[1]!.file, target, { force: false })).rejects.toThrow(/holds a database/);
    await restoreInto(kept[1]!.file, target, { force: true });
    // The database it replaced is set aside, not deleted.
    expect(fs.readdirSync(target).some((name) => name.startsWith("pglite.before-restore-"))).toBe(true);
  });
});
