import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { datasheets, outboxEvents, statusChanges, statuses, statusGroups } from "@/db/schema";
import { datasheetStatusChanged } from "@/inngest/events";
import { NotFoundError } from "@/lib/errors";
import { createGroup, moveGroup, removeGroup, renameGroup } from "@/lib/modules/group-mutations";
import { getModuleConfig } from "@/lib/modules/queries";
import { createStatus, moveStatus, recolorStatus, removeStatus, renameStatus } from "@/lib/modules/status-mutations";
import { createWorkspace } from "../../factories";
import { createAutomaticModule, createDatasheets, createTestModule, statusByKey, workspaceSnapshot } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";
import { auditOf, expectDomainError, expectFieldError } from "./helpers";

describeEachBackend("statuses and groups", ({ db }) => {
  const namesByGroup = async (actor: Parameters<typeof getModuleConfig>[0], moduleId: string) =>
    (await getModuleConfig(actor, moduleId)).groups.map((g) => [g.name, g.statuses.map((s) => s.name)]);

  describe("editing statuses", () => {
    it("drops a new status into place, renames and recolours it; its key stays", async () => {
      const { actors, workspace } = await createWorkspace();
      const config = await createTestModule(actors.admin, "customer_service");
      const open = config.groups[0]!;
      const inProgress = statusByKey(config, "in_progress");
      const waiting = statusByKey(config, "waiting_for_client");

      const created = await createStatus(actors.admin, open.id, {
        name: "Escalated",
        color: "#F0A",
        afterId: inProgress.id,
        beforeId: waiting.id,
      });
      expect(created.key).toBe("escalated");
      await renameStatus(actors.admin, created.id, "Escalated to engineering");
      await recolorStatus(actors.admin, created.id, "#1E293B");

      const after = await getModuleConfig(actors.admin, config.module.id);
      expect(after.groups[0]!.statuses.map((s) => s.key)).toEqual(["new_request", "in_progress", "escalated", "waiting_for_client"]);
      expect(statusByKey(after, "escalated")).toMatchObject({
        name: "Escalated to engineering",
        color: "#1e293b",
        textColor: "#ffffff",
        isSystem: false,
      });
      expect((await auditOf(workspace.id)).slice(0, 3).map((e) => e.action)).toEqual([
        "status.recolored",
        "status.renamed",
        "status.created",
      ]);
    });

    it("gives a status named like an existing one a key of its own", async () => {
      const { actors } = await createWorkspace();
      const config = await createTestModule(actors.admin, "customer_service");
      const created = await createStatus(actors.admin, config.groups[1]!.id, { name: "Solved", color: "#22c55e" });
      expect(created.key).toBe("solved_2");
    });

    it("refuses a colour that is not #rgb or #rrggbb", async () => {
      const { actors } = await createWorkspace();
      const config = await createTestModule(actors.admin, "empty");
      const status = config.groups[0]!.statuses[0]!;
      await expectFieldError(recolorStatus(actors.admin, status.id, "blue"), "color", "colorInvalid");
      await expectFieldError(createStatus(actors.admin, config.groups[0]!.id, { name: "X", color: "#12345" }), "color", "colorInvalid");
    });

    it("moves statuses within a group and across groups", async () => {
      const { actors } = await createWorkspace();
      const config = await createTestModule(actors.admin, "customer_service");
      const [open, closed] = config.groups;
      const solved = statusByKey(config, "solved");
      const newRequest = statusByKey(config, "new_request");

      await moveStatus(actors.admin, solved.id, { groupId: open!.id, afterId: newRequest.id });
      await moveStatus(actors.admin, newRequest.id, { groupId: open!.id });
      expect(await namesByGroup(actors.admin, config.module.id)).toEqual([
        ["Open", ["Solved", "In progress", "Waiting for client", "New request"]],
        ["Closed", ["Closed"]],
      ]);
      await moveStatus(actors.admin, newRequest.id, { groupId: closed!.id, beforeId: statusByKey(config, "closed").id });
      expect(await namesByGroup(actors.admin, config.module.id)).toEqual([
        ["Open", ["Solved", "In progress", "Waiting for client"]],
        ["Closed", ["New request", "Closed"]],
      ]);
    });

    it("answers another module's group as not found when moving", async () => {
      const { actors } = await createWorkspace();
      const a = await createTestModule(actors.admin, "customer_service");
      const b = await createTestModule(actors.admin, "projects");
      await expect(moveStatus(actors.admin, statusByKey(a, "solved").id, { groupId: b.groups[0]!.id })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });

  describe("removing a status", () => {
    it("moves every datasheet to the chosen status in the same transaction; none is lost", async () => {
      const { actors, workspace } = await createWorkspace();
      const config = await createTestModule(actors.admin, "customer_service");
      const waiting = statusByKey(config, "waiting_for_client");
      const inProgress = statusByKey(config, "in_progress");
      const moved = await createDatasheets(workspace.id, { moduleId: config.module.id, statusId: waiting.id }, 120);
      const staying = await createDatasheets(workspace.id, { moduleId: config.module.id, statusId: inProgress.id }, 30);
      const elsewhere = await createDatasheets(workspace.id, { moduleId: config.module.id, statusId: statusByKey(config, "solved").id }, 7);

      const result = await removeStatus(actors.admin, waiting.id, { moveToStatusId: inProgress.id });
      expect(result).toEqual({ movedDatasheets: 120 });

      const rows = await db().select().from(datasheets).where(eq(datasheets.moduleId, config.module.id));
      expect(rows).toHaveLength(157);
      const inProgressIds = rows.filter((r) => r.statusId === inProgress.id).map((r) => r.id).sort();
      expect(inProgressIds).toEqual([...moved, ...staying].sort());
      expect(rows.filter((r) => moved.includes(r.id)).every((r) => r.version === 2)).toBe(true);
      expect(rows.filter((r) => !moved.includes(r.id)).every((r) => r.version === 1)).toBe(true);
      expect(rows.filter((r) => elsewhere.includes(r.id)).every((r) => r.statusId === statusByKey(config, "solved").id)).toBe(true);
      expect(await db().select().from(statuses).where(eq(statuses.id, waiting.id))).toEqual([]);

      const [entry] = await auditOf(workspace.id);
      expect(entry).toMatchObject({ action: "status.removed", details: { movedDatasheets: 120, movedTo: "In progress" } });

      // Each move is a status change on record, and an event for the automations.
      const changes = await db().select().from(statusChanges).where(eq(statusChanges.moduleId, config.module.id));
      expect(changes.map((c) => c.datasheetId).sort()).toEqual([...moved].sort());
      expect(changes.every((c) => c.fromKey === "waiting_for_client" && c.toKey === "in_progress" && c.actorUserId === actors.admin.userId)).toBe(true);
      const events = await db()
        .select()
        .from(outboxEvents)
        .where(and(eq(outboxEvents.workspaceId, workspace.id), eq(outboxEvents.name, datasheetStatusChanged.name)));
      expect(events).toHaveLength(120);
      for (const event of events) {
        const payload = datasheetStatusChanged.schema.parse(event.data);
        expect(changes.find((c) => c.id === payload.statusChangeId)?.datasheetId).toBe(payload.datasheetId);
      }
      const [sheet] = rows.filter((r) => moved.includes(r.id));
      expect(sheet).toMatchObject({ statusReason: "status_removed", updatedByUserId: actors.admin.userId });
    });

    it("asks where the datasheets go, and refuses itself, another module's status or a non-id as the target", async () => {
      const { actors, workspace } = await createWorkspace();
      const config = await createTestModule(actors.admin, "customer_service");
      const other = await createTestModule(actors.admin, "customer_service");
      const waiting = statusByKey(config, "waiting_for_client");
      await createDatasheets(workspace.id, { moduleId: config.module.id, statusId: waiting.id }, 3);
      const before = await workspaceSnapshot(workspace.id);

      await expectFieldError(removeStatus(actors.admin, waiting.id), "moveToStatusId", "required");
      await expectFieldError(removeStatus(actors.admin, waiting.id, { moveToStatusId: waiting.id }), "moveToStatusId", "statusInvalid");
      await expectFieldError(
        removeStatus(actors.admin, waiting.id, { moveToStatusId: statusByKey(other, "solved").id }),
        "moveToStatusId",
        "statusInvalid",
      );
      await expectFieldError(removeStatus(actors.admin, waiting.id, { moveToStatusId: "nope" }), "moveToStatusId", "statusInvalid");
      expect(await workspaceSnapshot(workspace.id)).toEqual(before);
    });

    it("removes an empty status without asking, but never the module's last one", async () => {
      const { actors } = await createWorkspace();
      const config = await createTestModule(actors.admin, "empty");
      const only = config.groups[0]!.statuses[0]!;
      await expectDomainError(removeStatus(actors.admin, only.id), "lastStatus");
      const second = await createStatus(actors.admin, config.groups[0]!.id, { name: "Done", color: "#22c55e" });
      expect(await removeStatus(actors.admin, only.id)).toEqual({ movedDatasheets: 0 });
      expect((await getModuleConfig(actors.admin, config.module.id)).groups[0]!.statuses.map((s) => s.id)).toEqual([second.id]);
    });
  });

  describe("system statuses (the automatic module)", () => {
    it("can be renamed, recoloured and reordered in their group, but not removed or moved out of it", async () => {
      const { actors, workspace } = await createWorkspace();
      const auto = await createAutomaticModule(actors.admin);
      const inProgress = auto.statuses.in_progress;

      await renameStatus(actors.admin, inProgress, "Working on it");
      await recolorStatus(actors.admin, inProgress, "#123456");
      await moveStatus(actors.admin, inProgress, { groupId: auto.groups.sales, beforeId: auto.statuses.awaiting_processing });
      const before = await workspaceSnapshot(workspace.id);

      await expectDomainError(removeStatus(actors.admin, inProgress, { moveToStatusId: auto.statuses.one_time }), "systemStatus");
      await expectDomainError(moveStatus(actors.admin, inProgress, { groupId: auto.groups.customers }), "systemStatusGroup");
      await expectDomainError(createStatus(actors.admin, auto.groups.sales, { name: "Extra", color: "#000" }), "automaticModule");
      await expectDomainError(removeGroup(actors.admin, auto.groups.customers), "automaticModule");
      await expectDomainError(createGroup(actors.admin, auto.moduleId, { name: "Partners" }), "automaticModule");
      await expectDomainError(moveGroup(actors.admin, auto.groups.customers, { beforeId: auto.groups.sales }), "automaticModule");
      expect(await workspaceSnapshot(workspace.id)).toEqual(before);

      const config = await getModuleConfig(actors.admin, auto.moduleId);
      expect(config.module.isAutomatic).toBe(true);
      expect(config.groups.find((g) => g.key === "sales")!.statuses.map((s) => [s.key, s.name, s.color])).toEqual([
        ["in_progress", "Working on it", "#123456"],
        ["awaiting_processing", "Awaiting processing", "#3b82f6"],
        ["awaiting_contact", "Awaiting contact", "#06b6d4"],
        ["serious_prospect", "Serious prospect", "#f97316"],
      ]);
      await renameGroup(actors.admin, auto.groups.sales, "Értékesítés");
      const [group] = await db().select().from(statusGroups).where(eq(statusGroups.id, auto.groups.sales));
      expect(group).toMatchObject({ name: "Értékesítés", key: "sales" });
    });
  });

  describe("groups of manual modules", () => {
    it("are added, renamed, reordered, and removed only when empty", async () => {
      const { actors, workspace } = await createWorkspace();
      const config = await createTestModule(actors.admin, "customer_service");
      const [open, closed] = config.groups;
      const group = await createGroup(actors.admin, config.module.id, { name: "On hold", afterId: open!.id });
      expect(group.key).toBe("on_hold");
      await renameGroup(actors.admin, group.id, "Paused");
      await moveGroup(actors.admin, group.id, { afterId: closed!.id });
      await moveStatus(actors.admin, statusByKey(config, "closed").id, { groupId: group.id });
      expect(await namesByGroup(actors.admin, config.module.id)).toEqual([
        ["Open", ["New request", "In progress", "Waiting for client"]],
        ["Closed", ["Solved"]],
        ["Paused", ["Closed"]],
      ]);

      await expectDomainError(removeGroup(actors.admin, group.id), "groupNotEmpty");
      await moveStatus(actors.admin, statusByKey(config, "closed").id, { groupId: closed!.id });
      await removeGroup(actors.admin, group.id);
      expect(
        await db()
          .select()
          .from(statusGroups)
          .where(and(eq(statusGroups.moduleId, config.module.id), eq(statusGroups.id, group.id))),
      ).toEqual([]);
      expect((await auditOf(workspace.id))[0]).toMatchObject({ action: "status_group.removed", details: { name: "Paused" } });
    });
  });
});
