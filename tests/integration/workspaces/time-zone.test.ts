import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "@/db/client";
import { statusCheckRuns } from "@/db/schema";
import { runDueStatusChecks } from "@/lib/statuses/checks";
import { updateWorkspaceSettingsSchema } from "@/lib/workspaces/schemas";
import { getWorkspaceSettings, updateWorkspaceSettings } from "@/lib/workspaces/settings";
import { createWorkspace, type TestWorkspace } from "../../factories";
import { createAutomaticModule } from "../../factories/modules";
import { describeOnPrivateDatabase } from "../jobs/private-database";

/** Settings → Workspace saved as an admin would, with only the zone changed. */
async function moveTo(db: Db, ws: TestWorkspace, timeZone: string) {
  const current = await getWorkspaceSettings(db, ws.actors.admin);
  await updateWorkspaceSettings(db, ws.actors.admin, updateWorkspaceSettingsSchema.parse({ ...current, timeZone }));
}

// The daily checks take every workspace's modules: a database of their own.
describeOnPrivateDatabase("the workspace's time zone (Settings → Workspace)", ({ db }) => {
  const runDays = async (moduleId: string) =>
    (await db().select({ day: statusCheckRuns.day }).from(statusCheckRuns).where(eq(statusCheckRuns.moduleId, moduleId))).map((r) => r.day).sort();

  it("starts the daily checks on the workspace's own morning, far ahead of UTC (Pacific/Auckland)", async () => {
    const ws = await createWorkspace();
    await moveTo(db(), ws, "Pacific/Auckland");
    const auto = await createAutomaticModule(ws.actors.admin);
    // 1 March 16:30 UTC is 2 March 05:30 in Auckland (NZDT, +13): before the morning hour.
    await runDueStatusChecks(db(), new Date("2026-03-01T16:30:00Z"));
    expect(await runDays(auto.moduleId)).toEqual([]);
    // An hour later it is 06:30 on 2 March there, while still 1 March in UTC: the checks of 2 March run.
    await runDueStatusChecks(db(), new Date("2026-03-01T17:30:00Z"));
    expect(await runDays(auto.moduleId)).toEqual(["2026-03-02"]);
    // Later the same local day: nothing runs twice.
    await runDueStatusChecks(db(), new Date("2026-03-02T10:59:00Z"));
    expect(await runDays(auto.moduleId)).toEqual(["2026-03-02"]);
  });

  it("keeps the workspace's day long after UTC's has turned (America/Los_Angeles)", async () => {
    const ws = await createWorkspace();
    await moveTo(db(), ws, "America/Los_Angeles");
    const auto = await createAutomaticModule(ws.actors.admin);
    // 2 March 14:30 UTC is 06:30 in Los Angeles (PST, -8): the checks of 2 March.
    await runDueStatusChecks(db(), new Date("2026-03-02T14:30:00Z"));
    // 3 March 07:30 UTC is still 2 March, 23:30 there: no second run, though UTC (and Budapest) are on 3 March.
    await runDueStatusChecks(db(), new Date("2026-03-03T07:30:00Z"));
    expect(await runDays(auto.moduleId)).toEqual(["2026-03-02"]);
    // 3 March 14:00 UTC is 06:00 there: the checks of 3 March.
    await runDueStatusChecks(db(), new Date("2026-03-03T14:00:00Z"));
    expect(await runDays(auto.moduleId)).toEqual(["2026-03-02", "2026-03-03"]);
  });
});
