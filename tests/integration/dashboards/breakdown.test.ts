import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import { barFilter, breakdownChoices, moduleBreakdown } from "@/lib/dashboards/breakdown";
import { countByStatus } from "@/lib/datasheets/list-counts";
import { loadListScope } from "@/lib/datasheets/list-query";
import { trashDatasheet } from "@/lib/datasheets/trash";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { createField } from "@/lib/modules/field-mutations";
import { createWorkspace } from "../../factories";
import { createTestClient, datasheetRow } from "../../factories/datasheets";
import { createTestModule, setFieldValue } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const countBy = <T>(items: T[], key: (item: T) => (string | null)[]) => {
  const out = new Map<string | null, number>();
  for (const item of items) for (const k of key(item)) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
};

describeEachBackend("Breakdown by a field", ({ db }) => {
  it("counts a module's datasheets per responsible user, option, user and month as counted independently", async () => {
    const ws = await createWorkspace();
    const admin = ws.actors.admin;
    const config = await createTestModule(admin, "sales_manual");
    const moduleId = config.module.id;
    const region = await createField(admin, moduleId, { label: "Region", type: "single_select", options: ["North", "South", "West"] });
    const topics = await createField(admin, moduleId, { label: "Topics", type: "multi_select", options: ["Price", "Support"] });
    const metOn = await createField(admin, moduleId, { label: "Met on", type: "date" });
    const manager = await createField(admin, moduleId, { label: "Account manager", type: "user" });
    const calledAt = await createField(admin, moduleId, { label: "Called at", type: "datetime" });
    // Auckland is 13 hours ahead in spring: the last evening of a month in UTC is the next month there.
    const timeZone = "Pacific/Auckland";
    await db().update(workspaces).set({ timeZone }).where(eq(workspaces.id, ws.workspace.id));
    const monthThere = (at: string) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).format(new Date(at)).slice(0, 7);
    const random = seeded(5);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const people = [admin.userId, ws.actors.manager.userId, ws.actors.normal.userId, null];
    const made: {
      id: string;
      owner: string | null;
      region: string | null;
      topics: string[];
      month: string | null;
      manager: string | null;
      called: string | null;
      trashed: boolean;
    }[] = [];
    for (let i = 0; i < 30; i++) {
      const owner = pick(people);
      const { datasheetId } = await createTestClient(admin, moduleId, { responsibleUserId: owner });
      const row = {
        id: datasheetId,
        owner,
        region: null as string | null,
        topics: [] as string[],
        month: null as string | null,
        manager: null as string | null,
        called: null as string | null,
        trashed: false,
      };
      if (random() < 0.8) row.region = pick(["north", "south", "west"]);
      if (random() < 0.6) row.topics = pick([["price"], ["support"], ["price", "support"]]);
      if (random() < 0.7) row.month = pick(["2026-09", "2026-10", "2026-11"]);
      if (random() < 0.5) row.manager = pick([admin.userId, ws.actors.manager.userId]);
      if (row.region) await setFieldValue(datasheetId, region.id, row.region);
      if (row.topics.length) await setFieldValue(datasheetId, topics.id, row.topics);
      if (row.month) await setFieldValue(datasheetId, metOn.id, `${row.month}-1${i % 9}`);
      if (row.manager) await setFieldValue(datasheetId, manager.id, row.manager);
      if (random() < 0.7) {
        const at = pick(["2026-10-31T11:30:00Z", "2026-10-31T10:30:00Z", "2026-11-15T09:00:00Z", "2026-11-30T10:59:00Z", "2026-11-30T11:01:00Z"]);
        row.called = monthThere(at);
        await setFieldValue(datasheetId, calledAt.id, at);
      }
      made.push(row);
    }
    const gone = made[0]!;
    await trashDatasheet(db(), admin, { datasheetId: gone.id, version: (await datasheetRow(gone.id)).version });
    gone.trashed = true;
    const live = made.filter((m) => !m.trashed);
    const bars = async (by: string) => new Map((await moduleBreakdown(db(), ws.actors.manager, moduleId, by)).bars.map((b) => [b.value, b.count]));

    expect(await bars("responsible")).toEqual(countBy(live, (m) => [m.owner]));
    expect(await bars(region.key)).toEqual(countBy(live, (m) => [m.region]));
    expect(await bars(topics.key)).toEqual(countBy(live, (m) => (m.topics.length ? m.topics : [null])));
    expect(await bars(metOn.key)).toEqual(countBy(live, (m) => [m.month]));
    expect(await bars(manager.key)).toEqual(countBy(live, (m) => [m.manager]));
    expect(await bars(calledAt.key)).toEqual(countBy(live, (m) => [m.called]));

    // Each bar opens the list filtered by its value: the list shows exactly the bar's datasheets.
    const scope = await loadListScope(db(), ws.actors.manager, moduleId);
    for (const choice of await breakdownChoices(db(), ws.actors.manager, moduleId)) {
      const breakdown = await moduleBreakdown(db(), ws.actors.manager, moduleId, choice.key);
      for (const bar of breakdown.bars) {
        const counts = await countByStatus(ws.actors.manager, scope, barFilter(breakdown.by, bar));
        const listed = [...counts.values()].reduce((sum, n) => sum + n, 0);
        expect(listed, `${choice.key} = ${bar.value}`).toBe(bar.count);
      }
    }

    const byRegion = await moduleBreakdown(db(), admin, moduleId, region.key);
    // Options in the field's order with their labels, "no value" last.
    expect(byRegion.bars.map((b) => b.label)).toEqual(["North", "South", "West", null].filter((l) => byRegion.bars.some((b) => b.label === l)));
    expect(byRegion.bars.at(-1)!.value).toBeNull();
    // An unknown key falls back to the responsible user.
    expect((await moduleBreakdown(db(), admin, moduleId, "no_such_field")).by.key).toBe("responsible");
    expect((await breakdownChoices(db(), admin, moduleId)).map((c) => c.key)).toEqual([
      "responsible",
      ...config.fields.filter((f) => ["single_select", "multi_select", "user", "date", "datetime"].includes(f.type)).map((f) => f.key),
      region.key,
      topics.key,
      metOn.key,
      manager.key,
      calledAt.key,
    ]);
  });

  it("is for admins and managers, within their workspace", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const theirs = await createTestModule(other.actors.admin, "sales_manual");
    const mine = await createTestModule(ws.actors.admin, "sales_manual");
    await expect(moduleBreakdown(db(), ws.actors.normal, mine.module.id, "responsible")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(moduleBreakdown(db(), ws.actors.restricted, mine.module.id, "responsible")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(moduleBreakdown(db(), ws.actors.admin, theirs.module.id, "responsible")).rejects.toBeInstanceOf(NotFoundError);
    await expect(moduleBreakdown(db(), ws.actors.admin, "not-an-id", "responsible")).rejects.toBeInstanceOf(NotFoundError);
  });
});
