import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { businesses, datasheets } from "@/db/schema";
import { exportDatasheets } from "@/lib/datasheets/export";
import { getBoard } from "@/lib/datasheets/list-board";
import { getListColumns, saveListColumns } from "@/lib/datasheets/list-columns";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { createView, deleteView, getView, listViews, renameView } from "@/lib/views/views";
import type { Actor } from "@/lib/auth/permissions";
import { createWorkspace } from "../../factories";
import { createAutomaticModule, createDatasheets, createTestModule, statusByKey } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";
import { expectDomainError } from "../modules/helpers";

describeEachBackend("views, export, board and columns", ({ db }) => {
  async function setup() {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "customer_service");
    const open = statusByKey(config, "new_request");
    const busy = statusByKey(config, "in_progress");
    const a = await createDatasheets(ws.workspace.id, { moduleId: config.module.id, statusId: open.id }, 3);
    const b = await createDatasheets(ws.workspace.id, { moduleId: config.module.id, statusId: busy.id }, 2);
    return { ...ws, config, open, busy, a, b, moduleId: config.module.id };
  }

  describe("views", () => {
    it("keeps personal views to their owner and shows shared ones to everyone", async () => {
      const { actors, moduleId } = await setup();
      const mine = await createView(actors.normal, { moduleId, name: "My open", isShared: false, definition: { statuses: ["new_request"] } });
      const team = await createView(actors.manager, {
        moduleId,
        name: "Team busy",
        isShared: true,
        definition: { statuses: ["in_progress"], sort: { by: "name", dir: "asc" } },
      });
      expect((await listViews(actors.normal, moduleId)).map((v) => [v.name, v.isOwn, v.canManage])).toEqual([
        ["My open", true, true],
        ["Team busy", false, false],
      ]);
      expect((await listViews(actors.restricted, moduleId)).map((v) => v.name)).toEqual(["Team busy"]);
      expect((await listViews(actors.admin, moduleId)).map((v) => [v.name, v.canManage])).toEqual([["Team busy", true]]);
      await expect(getView(actors.admin, mine.id)).rejects.toBeInstanceOf(NotFoundError);
      expect((await getView(actors.restricted, team.id)).definition).toEqual({ statuses: ["in_progress"], sort: { by: "name", dir: "asc" } });
      const other = await createWorkspace();
      await expect(getView(other.actors.admin, team.id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await listViews(other.actors.admin, moduleId)).toEqual([]);
      await expect(createView(other.actors.admin, { moduleId, name: "x", isShared: false, definition: {} })).rejects.toBeInstanceOf(NotFoundError);
    });

    it("lets only admins and managers share, and manage shared views", async () => {
      const { actors, moduleId } = await setup();
      for (const actor of [actors.normal, actors.restricted]) {
        await expectDomainError(createView(actor, { moduleId, name: "Shared", isShared: true, definition: {} }), "forbidden");
      }
      const team = await createView(actors.admin, { moduleId, name: "Team", isShared: true, definition: {} });
      await expect(renameView(actors.normal, team.id, "Mine now")).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deleteView(actors.restricted, team.id)).rejects.toBeInstanceOf(ForbiddenError);
      await renameView(actors.manager, team.id, "Team renamed");
      expect((await getView(actors.normal, team.id)).name).toBe("Team renamed");
      const personal = await createView(actors.normal, { moduleId, name: "Mine", isShared: false, definition: {} });
      await expect(renameView(actors.admin, personal.id, "Taken")).rejects.toBeInstanceOf(NotFoundError);
      await renameView(actors.normal, personal.id, "Still mine");
      await deleteView(actors.normal, personal.id);
      await deleteView(actors.manager, team.id);
      expect(await listViews(actors.normal, moduleId)).toEqual([]);
    });

    it("refuses an empty name and a malformed filter", async () => {
      const { actors, moduleId } = await setup();
      await expect(createView(actors.admin, { moduleId, name: "  ", isShared: false, definition: {} })).rejects.toMatchObject({
        fieldErrors: { name: "required" },
      });
      await expect(
        createView(actors.admin, { moduleId, name: "x", isShared: false, definition: { statuses: ["DROP TABLE"] } }),
      ).rejects.toThrow();
    });
  });

  describe("export", () => {
    async function csvOf(actor: Actor, moduleId: string, filter = {}) {
      let out = "";
      const stream = await exportDatasheets(actor, moduleId, {
        filter,
        sort: { by: "name", dir: "asc" },
        columns: ["status", "responsible"],
        headings: { name: "Name", status: "Status", responsible: "Responsible" },
        formatName: (p) => `${p.givenName} ${p.familyName}`,
      });
      for await (const chunk of stream) out += chunk;
      return out;
    }

    it("writes the filtered, visible rows with a BOM and formula cells defused", async () => {
      const { actors, moduleId, a, users } = await setup();
      await db().update(datasheets).set({ businessName: "=cmd|' /C calc'!A0" }).where(eq(datasheets.id, a[0]!));
      await db().update(datasheets).set({ businessName: "Kovács, Társa", responsibleUserId: actors.manager.userId }).where(eq(datasheets.id, a[1]!));
      const csv = await csvOf(actors.manager, moduleId, { statuses: ["new_request"] });
      expect(csv.startsWith("\uFEFFName,Status,Responsible\r\n")).toBe(true);
      const lines = csv.slice(1).trimEnd().split("\r\n");
      expect(lines).toHaveLength(4);
      expect(lines).toContain(`'=cmd|' /C calc'!A0,New request,`);
      expect(lines).toContain(`"Kovács, Társa",New request,${users.manager.givenName} ${users.manager.familyName}`);
    });

    it("is for admins and managers only, within their workspace", async () => {
      const { actors, moduleId } = await setup();
      for (const actor of [actors.normal, actors.restricted]) {
        await expect(csvOf(actor, moduleId)).rejects.toBeInstanceOf(ForbiddenError);
      }
      const other = await createWorkspace();
      await expect(csvOf(other.actors.admin, moduleId)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("reads every row in keyset batches", async () => {
      const { actors, moduleId, workspace, open } = await setup();
      await createDatasheets(workspace.id, { moduleId, statusId: open.id }, 2100);
      const csv = await csvOf(actors.admin, moduleId);
      expect(csv.trimEnd().split("\r\n")).toHaveLength(1 + 2105);
    });
  });

  describe("board", () => {
    it("puts the visible cards under their status with full counts", async () => {
      const { actors, moduleId, a, b } = await setup();
      await db().update(datasheets).set({ responsibleUserId: actors.normal.userId }).where(inArray(datasheets.id, [a[0]!, b[0]!]));
      const board = await getBoard(actors.restricted, moduleId, {}, 1);
      expect(board.isDraggable).toBe(true);
      const columns = board.groups.flatMap((g) => g.statuses);
      expect(columns.map((c) => [c.key, c.count, c.cards.length])).toEqual([
        ["new_request", 2, 1],
        ["in_progress", 1, 1],
        ["waiting_for_client", 0, 0],
        ["solved", 0, 0],
        ["closed", 0, 0],
      ]);
      expect(columns[1]!.cards[0]!.id).toBe(b[1]);
      const full = await getBoard(actors.admin, moduleId, {});
      expect(full.groups.flatMap((g) => g.statuses)[0]!.cards.map((c) => c.id).sort()).toEqual([...a].sort());
    });

    it("is read-only for the automatic module, and not found from another workspace", async () => {
      const { actors } = await createWorkspace();
      const auto = await createAutomaticModule(actors.admin);
      expect((await getBoard(actors.admin, auto.moduleId, {})).isDraggable).toBe(false);
      const other = await createWorkspace();
      await expect(getBoard(other.actors.admin, auto.moduleId, {})).rejects.toBeInstanceOf(NotFoundError);
    });

    it("searches the cards", async () => {
      const { actors, moduleId, a } = await setup();
      await db()
        .update(businesses)
        .set({ searchText: "asztalos bt" })
        .where(eq(businesses.id, (await db().select().from(datasheets).where(eq(datasheets.id, a[2]!)))[0]!.businessId));
      const board = await getBoard(actors.admin, moduleId, { q: "asztalos" });
      expect(board.groups.flatMap((g) => g.statuses).flatMap((s) => s.cards.map((c) => c.id))).toEqual([a[2]]);
    });
  });

  describe("columns", () => {
    it("remembers each user's columns per module", async () => {
      const { actors, moduleId } = await setup();
      expect(await getListColumns(actors.normal, moduleId)).toEqual(["status", "responsible", "nextTodo", "lastContact"]);
      await saveListColumns(actors.normal, moduleId, ["created", "field:size", "status"]);
      await saveListColumns(actors.normal, moduleId, ["created", "status"]);
      expect(await getListColumns(actors.normal, moduleId)).toEqual(["created", "status"]);
      expect(await getListColumns(actors.admin, moduleId)).toEqual(["status", "responsible", "nextTodo", "lastContact"]);
      const other = await createWorkspace();
      await expect(saveListColumns(other.actors.admin, moduleId, ["status"])).rejects.toBeInstanceOf(NotFoundError);
      expect(await getListColumns(other.actors.admin, moduleId)).toEqual(["status", "responsible", "nextTodo", "lastContact"]);
    });
  });
});
