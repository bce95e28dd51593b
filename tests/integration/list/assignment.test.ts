import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { datasheets, historyEntries, outboxEvents, statusChanges } from "@/db/schema";
import { bulkChangeResponsible, bulkChangeStatus, changeDatasheetResponsible, changeDatasheetStatus } from "@/lib/datasheets/assignment";
import { bulkChangeStatusSchema, changeStatusSchema } from "@/lib/datasheets/assignment-schemas";
import { StaleVersionError } from "@/lib/datasheets/version";
import { NotFoundError } from "@/lib/errors";
import { createUser, createWorkspace } from "../../factories";
import { createAutomaticModule, createDatasheets, createTestModule, statusByKey } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";
import { expectDomainError, expectFieldError, rejectionOf } from "../modules/helpers";

describeEachBackend("status and responsible changes", ({ db }) => {
  async function setup() {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "customer_service");
    const first = statusByKey(config, "new_request");
    const second = statusByKey(config, "in_progress");
    const ids = await createDatasheets(ws.workspace.id, { moduleId: config.module.id, statusId: first.id }, 3);
    return { ...ws, config, first, second, ids };
  }
  const rowOf = async (id: string) => (await db().select().from(datasheets).where(eq(datasheets.id, id)))[0]!;
  /** The version a user would see now. */
  const versionOf = async (id: string) => (await rowOf(id)).version;
  /** A selection as the list sends it: each row with the version it shows. */
  const selection = async (ids: string[]) => Promise.all(ids.map(async (id) => ({ id, version: await versionOf(id) })));
  const eventsOf = async (name: string, datasheetIds: string[]) =>
    (await db().select().from(outboxEvents).where(eq(outboxEvents.name, name))).filter((e) => datasheetIds.includes(String(e.data.datasheetId)));

  it("changes the status: version bumped, the change recorded once, event emitted", async () => {
    const { actors, first, second, ids, config } = await setup();
    const result = await changeDatasheetStatus(testDb(), actors.normal, { datasheetId: ids[0]!, statusId: second.id, version: 1 });
    expect(result).toEqual({ moduleId: config.module.id, version: 2 });
    const row = await rowOf(ids[0]!);
    expect(row).toMatchObject({ statusId: second.id, version: 2, statusReason: "manual", updatedByUserId: actors.normal.userId });
    const [change] = await db().select().from(statusChanges).where(eq(statusChanges.datasheetId, ids[0]!));
    expect(change).toMatchObject({ fromKey: "new_request", toKey: "in_progress", reason: "manual", actorUserId: actors.normal.userId, actorSystem: null });
    // Stored once: no history entry repeats it (the page reads status_changes).
    expect(await db().select().from(historyEntries).where(eq(historyEntries.datasheetId, ids[0]!))).toEqual([]);
    const [event] = await eventsOf("datasheet/status.changed", [ids[0]!]);
    expect(event!.data).toMatchObject({ fromStatusId: first.id, toStatusId: second.id, statusChangeId: change!.id, reason: "manual" });
  });

  it("refuses a stale version with who changed it and the current values", async () => {
    const { actors, users, first, second, ids } = await setup();
    await changeDatasheetStatus(testDb(), actors.manager, { datasheetId: ids[0]!, statusId: second.id, version: 1 });
    const error = await rejectionOf(changeDatasheetStatus(testDb(), actors.normal, { datasheetId: ids[0]!, statusId: first.id, version: 1 }));
    expect(error).toBeInstanceOf(StaleVersionError);
    expect((error as StaleVersionError).code).toBe("changedMeanwhile");
    expect((error as StaleVersionError).params).toEqual({ who: "user", name: `${users.manager.givenName} ${users.manager.familyName}` });
    expect((error as StaleVersionError).current).toMatchObject({ version: 2, statusId: second.id, statusName: second.name, responsibleUserId: null });
    const conflict = await rejectionOf(changeDatasheetResponsible(testDb(), actors.normal, { datasheetId: ids[0]!, userId: null, version: 1 }));
    expect(conflict).toBeInstanceOf(StaleVersionError);
    expect((await rowOf(ids[0]!)).statusId).toBe(second.id);
  });

  it("requires the version on every change that can overwrite: a status change without one is refused", () => {
    const missing = changeStatusSchema.safeParse({ datasheetId: "d", statusId: "s" });
    expect(missing.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["version", "required"]]);
    expect(bulkChangeStatusSchema.safeParse({ datasheets: [{ id: "d" }], statusId: "s" }).success).toBe(false);
  });

  it("refuses a status of another module, or of another workspace, as not found", async () => {
    const { actors, ids } = await setup();
    const other = await createTestModule(actors.admin, "sales_manual");
    const foreign = await setup();
    for (const statusId of [other.groups[0]!.statuses[0]!.id, foreign.first.id, "not-an-id"]) {
      await expect(changeDatasheetStatus(testDb(), actors.admin, { datasheetId: ids[0]!, statusId, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(changeDatasheetStatus(testDb(), actors.admin, { datasheetId: foreign.ids[0]!, statusId: foreign.second.id, version: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("refuses a manual status change in the automatic module", async () => {
    const { workspace, actors } = await createWorkspace();
    const auto = await createAutomaticModule(actors.admin);
    const [id] = await createDatasheets(workspace.id, { moduleId: auto.moduleId, statusId: auto.statuses.awaiting_processing }, 1);
    await expectDomainError(changeDatasheetStatus(testDb(), actors.admin, { datasheetId: id!, statusId: auto.statuses.one_time, version: 1 }), "automaticStatusChange");
    await expectDomainError(bulkChangeStatus(testDb(), actors.admin, { datasheets: [{ id: id!, version: 1 }], statusId: auto.statuses.one_time }), "automaticStatusChange");
    expect((await rowOf(id!)).statusId).toBe(auto.statuses.awaiting_processing);
    // The responsible user can still be changed there.
    await changeDatasheetResponsible(testDb(), actors.admin, { datasheetId: id!, userId: actors.normal.userId, version: 1 });
    expect((await rowOf(id!)).responsibleUserId).toBe(actors.normal.userId);
  });

  it("assigns active users of the workspace only; a restricted user only to self or nobody", async () => {
    const { workspace, actors, ids } = await setup();
    const inactive = await createUser(workspace.id, { role: "normal", isActive: false });
    const stranger = await createWorkspace();
    // The one rule New client follows too (lib/datasheets/people.ts): the answer names the field.
    await expectFieldError(changeDatasheetResponsible(testDb(), actors.admin, { datasheetId: ids[0]!, userId: inactive.id, version: 1 }), "userId", "userInvalid");
    await expectFieldError(
      changeDatasheetResponsible(testDb(), actors.admin, { datasheetId: ids[0]!, userId: stranger.actors.normal.userId, version: 1 }),
      "userId",
      "userInvalid",
    );
    await expectFieldError(
      changeDatasheetResponsible(testDb(), actors.restricted, { datasheetId: ids[0]!, userId: actors.normal.userId, version: 1 }),
      "userId",
      "responsibleRestricted",
    );
    const mine = await changeDatasheetResponsible(testDb(), actors.restricted, { datasheetId: ids[0]!, userId: actors.restricted.userId, version: 1 });
    expect(mine.version).toBe(2);
    const [event] = await eventsOf("datasheet/responsible.changed", [ids[0]!]);
    expect(event!.data).toMatchObject({ fromUserId: null, toUserId: actors.restricted.userId });
    // Someone else's datasheet is out of a restricted user's reach: not found, even to hand it back.
    await changeDatasheetResponsible(testDb(), actors.admin, { datasheetId: ids[1]!, userId: actors.normal.userId, version: 1 });
    await expect(changeDatasheetResponsible(testDb(), actors.restricted, { datasheetId: ids[1]!, userId: null, version: 2 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(changeDatasheetStatus(testDb(), actors.restricted, { datasheetId: ids[1]!, statusId: ids[0]!, version: 2 })).rejects.toBeInstanceOf(NotFoundError);
    // Another workspace's datasheet: not found.
    await expect(changeDatasheetStatus(testDb(), stranger.actors.admin, { datasheetId: ids[0]!, statusId: ids[0]!, version: 2 })).rejects.toBeInstanceOf(NotFoundError);
  });

  describe("bulk", () => {
    it("moves every selected datasheet in one go, skipping those already there", async () => {
      const { actors, first, second, ids } = await setup();
      await changeDatasheetStatus(testDb(), actors.admin, { datasheetId: ids[2]!, statusId: second.id, version: 1 });
      const result = await bulkChangeStatus(testDb(), actors.manager, { datasheets: await selection(ids), statusId: second.id });
      expect(result.changed).toBe(2);
      const rows = await db().select().from(datasheets).where(inArray(datasheets.id, ids));
      expect(rows.map((r) => r.statusId)).toEqual([second.id, second.id, second.id]);
      expect(rows.find((r) => r.id === ids[0])!).toMatchObject({ version: 2, updatedByUserId: actors.manager.userId });
      const changes = await db().select().from(statusChanges).where(inArray(statusChanges.datasheetId, ids));
      expect(changes.filter((c) => c.fromStatusId === first.id)).toHaveLength(3);
      expect(changes.filter((c) => c.actorUserId === actors.manager.userId)).toHaveLength(2);
      expect(await eventsOf("datasheet/status.changed", ids)).toHaveLength(3);

      const responsible = await bulkChangeResponsible(testDb(), actors.admin, { datasheets: await selection(ids), userId: actors.normal.userId });
      expect(responsible.changed).toBe(3);
      expect(await eventsOf("datasheet/responsible.changed", ids)).toHaveLength(3);
    });

    it("is for admins and managers only", async () => {
      const { actors, second, ids } = await setup();
      for (const actor of [actors.normal, actors.restricted]) {
        await expectDomainError(bulkChangeStatus(testDb(), actor, { datasheets: await selection(ids), statusId: second.id }), "forbidden");
        await expectDomainError(bulkChangeResponsible(testDb(), actor, { datasheets: await selection(ids), userId: null }), "forbidden");
      }
    });

    it("changes nothing when one of the selection is out of reach, or changed since the list showed it", async () => {
      const { actors, first, second, ids } = await setup();
      const foreign = await setup();
      await expect(
        bulkChangeStatus(testDb(), actors.admin, { datasheets: await selection([...ids, foreign.ids[0]!]), statusId: second.id }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(bulkChangeResponsible(testDb(), actors.admin, { datasheets: [{ id: ids[0]!, version: 1 }, { id: "nope", version: 1 }], userId: null })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      const stale = [...(await selection(ids.slice(0, 2))), { id: ids[2]!, version: 7 }];
      await expect(bulkChangeStatus(testDb(), actors.admin, { datasheets: stale, statusId: second.id })).rejects.toBeInstanceOf(StaleVersionError);
      const rows = await db().select().from(datasheets).where(inArray(datasheets.id, ids));
      expect(rows.every((r) => r.statusId === first.id && r.version === 1)).toBe(true);
      expect(await eventsOf("datasheet/status.changed", ids)).toHaveLength(0);
    });

    it("rolls back every row when a statement fails after rows were written", async () => {
      const { actors, first, second, ids, workspace } = await setup();
      // A trigger that fails the status change record of the third datasheet: by then the first
      // statement has moved all three datasheets.
      const failing = ids[2]!;
      await db().execute(`
        create or replace function fail_status_change_${workspace.id.replaceAll("-", "")}() returns trigger language plpgsql as $$
        begin
          if new.datasheet_id = '${failing}' then raise exception 'simulated failure after the move'; end if;
          return new;
        end $$`);
      await db().execute(
        `create trigger fail_${workspace.id.replaceAll("-", "")} before insert on status_changes for each row execute function fail_status_change_${workspace.id.replaceAll("-", "")}()`,
      );
      try {
        const error = await rejectionOf(bulkChangeStatus(testDb(), actors.admin, { datasheets: await selection(ids), statusId: second.id }));
        expect(String((error as Error).cause ?? error)).toMatch(/simulated failure/);
      } finally {
        await db().execute(`drop trigger fail_${workspace.id.replaceAll("-", "")} on status_changes`);
        await db().execute(`drop function fail_status_change_${workspace.id.replaceAll("-", "")}()`);
      }
      const rows = await db().select().from(datasheets).where(inArray(datasheets.id, ids));
      expect(rows.every((r) => r.statusId === first.id && r.version === 1 && r.updatedByUserId === null)).toBe(true);
      expect(await db().select().from(statusChanges).where(inArray(statusChanges.datasheetId, ids))).toEqual([]);
      expect(await eventsOf("datasheet/status.changed", ids)).toHaveLength(0);
    });

    it("takes the selection as the list's rows, each with its version", () => {
      const parsed = bulkChangeStatusSchema.parse({ datasheets: [{ id: "a", version: 2 }], statusId: "s" });
      expect(parsed.datasheets).toEqual([{ id: "a", version: 2 }]);
      const empty = bulkChangeStatusSchema.safeParse({ datasheets: [], statusId: "s" });
      expect(empty.error!.issues[0]!.message).toBe("selectionEmpty");
      const twice = bulkChangeStatusSchema.safeParse({ datasheets: [{ id: "a", version: 1 }, { id: "a", version: 1 }], statusId: "s" });
      expect(twice.error!.issues[0]!.message).toBe("selectionDuplicate");
    });
  });
});
