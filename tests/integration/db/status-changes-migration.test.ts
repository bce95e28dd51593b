import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { historyEntries, statusChanges } from "@/db/schema";
import { migrationsFolder } from "@/db/config";
import { createWorkspace } from "../../factories";
import { createDatasheets, createTestModule, statusByKey } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";

/**
 * Migration 0007 stores status changes once: a `status_changed` history entry written before it
 * (the old second copy) becomes a `status_changes` row if it had none, and the entries go. Its data
 * statements are run here again over rows written the old way.
 */
const dataStatements = fs
  .readFileSync(path.join(migrationsFolder(), "0007_write_path.sql"), "utf8")
  .split("--> statement-breakpoint")
  .filter((statement) => /history_entries/.test(statement));

describeEachBackend("migration 0007: status changes stored once", () => {
  it("turns an old history entry into a status change, keeps the one that had its twin once, and loses nothing", async () => {
    const db = testDb();
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "customer_service");
    const from = statusByKey(config, "new_request");
    const to = statusByKey(config, "in_progress");
    const [twinned, orphan] = await createDatasheets(ws.workspace.id, { moduleId: config.module.id, statusId: to.id }, 2);
    const at = new Date("2026-03-01T10:00:00Z");
    const entry = (datasheetId: string) => ({
      workspaceId: ws.workspace.id,
      datasheetId,
      kind: "status_changed" as const,
      occurredAt: at,
      authorUserId: ws.users.manager.id,
      data: { fromStatusId: from.id, toStatusId: to.id, fromKey: from.key, toKey: to.key, reason: "manual" },
    });
    await db.insert(historyEntries).values([entry(twinned!), entry(orphan!)]);
    // The old code wrote both copies; one datasheet lost its status_changes row somehow.
    await db.insert(statusChanges).values({
      workspaceId: ws.workspace.id,
      datasheetId: twinned!,
      moduleId: config.module.id,
      fromStatusId: from.id,
      toStatusId: to.id,
      fromKey: from.key,
      toKey: to.key,
      reason: "manual",
      actorUserId: ws.users.manager.id,
      at,
    });
    expect(dataStatements).toHaveLength(2);
    for (const statement of dataStatements) await db.execute(statement);

    for (const id of [twinned!, orphan!]) {
      const changes = await db.select().from(statusChanges).where(eq(statusChanges.datasheetId, id));
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ fromStatusId: from.id, toStatusId: to.id, fromKey: from.key, toKey: to.key, reason: "manual", actorUserId: ws.users.manager.id, at });
      expect(await db.select().from(historyEntries).where(eq(historyEntries.datasheetId, id))).toEqual([]);
    }
  });
});
