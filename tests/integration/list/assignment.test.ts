import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { datasheets, historyEntries, outboxEvents, statusChanges } from "@/db/schema";
import {
  bulkChangeResponsible,
  bulkChangeStatus,
  changeDatasheetResponsible,
  changeDatasheetStatus,
} from "@/lib/datasheets/assignment";
import { bulkChangeStatusSchema } from "@/lib/datasheets/assignment-schemas";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { createUser, createWorkspace } from "../../factories";
import { createAutomaticModuleStub, createDatasheets, createTestModule, statusByKey } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";
import { expectDomainError, rejectionOf } from "../modules/helpers";

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
  const eventsOf = async (name: string, datasheetIds: string[]) =>
    (await db().select().from(outboxEvents).where(eq(outboxEvents.name, name))).filter((e) =>
      datasheetIds.includes(String(e.data.datasheetId)),
    );

  it("changes the status: version bumped, status change and history recorded, event emitted", async () => {
    const { actors, first, second, ids, config } = await setup();
    const result = await changeDatasheetStatus(actors.normal, { datasheetId: ids[0]!, statusId: second.id, version: 1 });
    expect(result).toEqual({ moduleId: config.module.id, version: 2 });
    const row = await rowOf(ids[0]!);
    expect(row).toMatchObject({ statusId: second.id, version: 2, statusReason: "manual", updatedByUserId: actors.normal.userId });
    const [change] = await db().select().from(statusChanges).where(eq(statusChanges.datasheetId, ids[0]!));
    expect(change).toMatchObject({ fromKey: "new_request", toKey: "in_progress", reason: "manual", actorUserId: actors.normal.userId });
    const history = await db().select().from(historyEntries).where(eq(historyEntries.datasheetId, ids[0]!));
    expect(history.map((h) => [h.kind, h.authorUserId])).toEqual([["status_changed", actors.normal.userId]]);
    const [event] = await eventsOf("datasheet/status.changed", [ids[0]!]);
    expect(event!.data).toMatchObject({ fromStatusId: first.id, toStatusId: second.id, statusChangeId: change!.id, reason: "manual" });
  });

  it("refuses a stale version with who changed it and the current values", async () => {
    const { actors, users, first, second, ids } = await setup();
    await changeDatasheetStatus(actors.manager, { datasheetId: ids[0]!, statusId: second.id, version: 1 });
    const error = await rejectionOf(changeDatasheetStatus(actors.normal, { datasheetId: ids[0]!, statusId: first.id, version: 1 }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("datasheetChanged");
    expect((error as ConflictError).params).toMatchObject({
      by: `${users.manager.givenName} ${users.manager.familyName}`,
      version: 2,
      statusId: second.id,
      statusName: second.name,
      hasResponsible: "no",
    });
    const conflict = await rejectionOf(changeDatasheetResponsible(actors.normal, { datasheetId: ids[0]!, userId: null, version: 1 }));
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((await rowOf(ids[0]!)).statusId).toBe(second.id);
  });

  it("refuses a status of another module, or of another workspace, as not found", async () => {
    const { actors, ids } = await setup();
    const other = await createTestModule(actors.admin, "sales_manual");
    const foreign = await setup();
    for (const statusId of [other.groups[0]!.statuses[0]!.id, foreign.first.id, "not-an-id"]) {
      await expect(changeDatasheetStatus(actors.admin, { datasheetId: ids[0]!, statusId })).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(changeDatasheetStatus(actors.admin, { datasheetId: foreign.ids[0]!, statusId: foreign.second.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("refuses a manual status change in the automatic module", async () => {
    const { workspace, actors } = await createWorkspace();
    const auto = await createAutomaticModuleStub(workspace.id);
    const [id] = await createDatasheets(workspace.id, { moduleId: auto.moduleId, statusId: auto.statuses.awaiting_processing }, 1);
    await expectDomainError(changeDatasheetStatus(actors.admin, { datasheetId: id!, statusId: auto.statuses.one_time }), "automaticStatusChange");
    await expectDomainError(bulkChangeStatus(actors.admin, { datasheetIds: [id!], statusId: auto.statuses.one_time }), "automaticStatusChange");
    expect((await rowOf(id!)).statusId).toBe(auto.statuses.awaiting_processing);
    // The responsible user can still be changed there.
    await changeDatasheetResponsible(actors.admin, { datasheetId: id!, userId: actors.normal.userId });
    expect((await rowOf(id!)).responsibleUserId).toBe(actors.normal.userId);
  });

  it("assigns active users of the workspace only; a restricted user only to self or nobody", async () => {
    const { workspace, actors, ids } = await setup();
    const inactive = await createUser(workspace.id, { role: "normal", isActive: false });
    const stranger = await createWorkspace();
    await expectDomainError(changeDatasheetResponsible(actors.admin, { datasheetId: ids[0]!, userId: inactive.id }), "responsibleInactive");
    await expectDomainError(
      changeDatasheetResponsible(actors.admin, { datasheetId: ids[0]!, userId: stranger.actors.normal.userId }),
      "responsibleInactive",
    );
    await expectDomainError(
      changeDatasheetResponsible(actors.restricted, { datasheetId: ids[0]!, userId: actors.normal.userId }),
      "assignOnlySelf",
    );
    const mine = await changeDatasheetResponsible(actors.restricted, { datasheetId: ids[0]!, userId: actors.restricted.userId });
    expect(mine.version).toBe(2);
    const [event] = await eventsOf("datasheet/responsible.changed", [ids[0]!]);
    expect(event!.data).toMatchObject({ fromUserId: null, toUserId: actors.restricted.userId });
    // Someone else's datasheet is out of a restricted user's reach: not found, even to hand it back.
    await changeDatasheetResponsible(actors.admin, { datasheetId: ids[1]!, userId: actors.normal.userId });
    await expect(changeDatasheetResponsible(actors.restricted, { datasheetId: ids[1]!, userId: null })).rejects.toBeInstanceOf(NotFoundError);
    await expect(changeDatasheetStatus(actors.restricted, { datasheetId: ids[1]!, statusId: ids[0]! })).rejects.toBeInstanceOf(NotFoundError);
    // Another workspace's datasheet: not found.
    await expect(changeDatasheetStatus(stranger.actors.admin, { datasheetId: ids[0]!, statusId: ids[0]! })).rejects.toBeInstanceOf(NotFoundError);
  });

  describe("bulk", () => {
    it("moves every selected datasheet in one go, skipping those already there", async () => {
      const { actors, first, second, ids } = await setup();
      await changeDatasheetStatus(actors.admin, { datasheetId: ids[2]!, statusId: second.id });
      const result = await bulkChangeStatus(actors.manager, { datasheetIds: ids, statusId: second.id });
      expect(result.changed).toBe(2);
      const rows = await db().select().from(datasheets).where(inArray(datasheets.id, ids));
      expect(rows.map((r) => r.statusId)).toEqual([second.id, second.id, second.id]);
      expect(rows.find((r) => r.id === ids[0])!).toMatchObject({ version: 2, updatedByUserId: actors.manager.userId });
      const changes = await db().select().from(statusChanges).where(inArray(statusChanges.datasheetId, ids));
      expect(changes.filter((c) => c.fromStatusId === first.id)).toHaveLength(3);
      expect(changes.filter((c) => c.actorUserId === actors.manager.userId)).toHaveLength(2);
      expect(await eventsOf("datasheet/status.changed", ids)).toHaveLength(3);
      const history = await db()
        .select()
        .from(historyEntries)
        .where(and(inArray(historyEntries.datasheetId, ids), eq(historyEntries.kind, "status_changed")));
      expect(history).toHaveLength(3);

      const responsible = await bulkChangeResponsible(actors.admin, { datasheetIds: ids, userId: actors.normal.userId });
      expect(responsible.changed).toBe(3);
      expect(await eventsOf("datasheet/responsible.changed", ids)).toHaveLength(3);
    });

    it("is for admins and managers only", async () => {
      const { actors, second, ids } = await setup();
      for (const actor of [actors.normal, actors.restricted]) {
        await expectDomainError(bulkChangeStatus(actor, { datasheetIds: ids, statusId: second.id }), "forbidden");
        await expectDomainError(bulkChangeResponsible(actor, { datasheetIds: ids, userId: null }), "forbidden");
      }
    });

    it("changes nothing when one of the selection is out of reach (one transaction)", async () => {
      const { actors, first, second, ids } = await setup();
      const foreign = await setup();
      await expect(
        bulkChangeStatus(actors.admin, { datasheetIds: [...ids, foreign.ids[0]!], statusId: second.id }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(bulkChangeResponsible(actors.admin, { datasheetIds: [ids[0]!, "nope"], userId: null })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      const rows = await db().select().from(datasheets).where(inArray(datasheets.id, ids));
      expect(rows.every((r) => r.statusId === first.id && r.version === 1)).toBe(true);
      expect(await eventsOf("datasheet/status.changed", ids)).toHaveLength(0);
    });

    it("rolls back every row when a late statement fails", async () => {
      const { actors, workspace, ids } = await setup();
      const inactive = await createUser(workspace.id, { role: "normal", isActive: false });
      await expectDomainError(bulkChangeResponsible(actors.admin, { datasheetIds: ids, userId: inactive.id }), "responsibleInactive");
      const rows = await db().select().from(datasheets).where(inArray(datasheets.id, ids));
      expect(rows.every((r) => r.responsibleUserId === null && r.version === 1)).toBe(true);
    });

    it("parses a comma-separated selection and refuses an empty one", () => {
      expect(bulkChangeStatusSchema.parse({ datasheetIds: "a, b,a", statusId: "s" }).datasheetIds).toEqual(["a", "b"]);
      const empty = bulkChangeStatusSchema.safeParse({ datasheetIds: " ", statusId: "s" });
      expect(empty.success).toBe(false);
      expect(empty.error!.issues[0]!.message).toBe("selectionEmpty");
    });
  });
});
