import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { businesses, datasheets, fieldOptions } from "@/db/schema";
import { exportDatasheets, exportFileName, exportHeadingKeys, type ExportHeading, type ExportRequest } from "@/lib/datasheets/export";
import { createField } from "@/lib/modules/field-mutations";
import { addTodo } from "@/lib/todos/mutations";
import enList from "@/messages/en/list.json";
import { getBoard } from "@/lib/datasheets/list-board";
import { getListColumns, saveListColumns } from "@/lib/datasheets/list-columns";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { createView, deleteView, getView, listViews, renameView } from "@/lib/views/views";
import type { Actor } from "@/lib/auth/permissions";
import { createWorkspace } from "../../factories";
import { createTestClient } from "../../factories/datasheets";
import { createAutomaticModule, createDatasheets, createTestModule, fieldByKey, setFieldValue, statusByKey } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";
import { expectDomainError } from "../modules/helpers";

/** One CSV line's cells (quotes and doubled quotes undone), for reading a row back. */
function parse(line: string, separator = ","): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === separator) {
      cells.push(cell);
      cell = "";
    } else {
      cell += c;
    }
  }
  return [...cells, cell];
}

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
      await expect(createView(actors.admin, { moduleId, name: "x", isShared: false, definition: { statuses: ["DROP TABLE"] } })).rejects.toThrow();
    });
  });

  describe("export", () => {
    const headings = Object.fromEntries(exportHeadingKeys.map((key) => [key, enList.export.columns[key]])) as Record<ExportHeading, string>;

    async function csvOf(actor: Actor, moduleId: string, filter = {}, options: Partial<ExportRequest> = {}) {
      let out = "";
      const csv = await exportDatasheets(actor, moduleId, {
        filter,
        sort: { by: "name", dir: "asc" },
        columns: ["status", "responsible"],
        locale: "en",
        headings,
        yes: "Yes",
        no: "No",
        ...options,
      });
      for await (const chunk of csv.lines) out += chunk;
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

    it("writes every column of the module on request: details, contacts, labels, and times on the workspace's clock", async () => {
      const { actors, moduleId, config, open } = await setup();
      const when = await createField(actors.admin, moduleId, { label: "Visit at", type: "datetime" });
      const signed = await createField(actors.admin, moduleId, { label: "Signed", type: "checkbox" });
      const budget = await createField(actors.admin, moduleId, { label: "Budget", type: "money", defaultCurrency: "HUF" });
      const tags = await createField(actors.admin, moduleId, { label: "Tags", type: "multi_select", options: ["Wood", "Glass"] });
      const { datasheetId, businessId } = await createTestClient(actors.admin, moduleId, {
        name: "Ádám és Éva Bt.",
        email: "iroda@adameva.hu",
        taxNumber: "12345678-1-42",
        statusId: open.id,
        responsibleUserId: actors.normal.userId,
        contacts: [
          { name: "Ádám Kiss", email: "adam@adameva.hu", phone: "+36 1 234 5678" },
          { name: "Éva Kiss", email: "eva@adameva.hu" },
        ],
      });
      await db().update(businesses).set({ city: "Budapest", postalCode: "1051" }).where(eq(businesses.id, businessId));
      // Summer in Budapest: UTC+2. 22:30 UTC on 30 June is already 1 July there.
      await db()
        .update(datasheets)
        .set({ createdAt: new Date("2026-06-30T22:30:00Z") })
        .where(eq(datasheets.id, datasheetId));
      await setFieldValue(datasheetId, fieldByKey(config, "priority").id, "high");
      await setFieldValue(datasheetId, when.id, "2026-07-01T12:00:00Z");
      await setFieldValue(datasheetId, signed.id, true);
      await setFieldValue(datasheetId, budget.id, { amount: "1500000.50", currency: "HUF" });
      const tagOptions = await db().select().from(fieldOptions).where(eq(fieldOptions.fieldId, tags.id));
      await setFieldValue(
        datasheetId,
        tags.id,
        tagOptions.map((o) => o.key),
      );
      await addTodo(db(), actors.admin, { datasheetId, text: "Send the offer", dueAt: new Date("2026-12-02T14:20:03.975Z"), assigneeUserId: null });

      const csv = await csvOf(actors.admin, moduleId, { q: "Ádám és Éva" }, { columns: "all" });
      const [header, row] = csv.slice(1).trimEnd().split("\r\n");
      const cells = Object.fromEntries(header!.split(",").map((h, i) => [h, parse(row!)[i]]));
      expect(cells).toMatchObject({
        Name: "Ádám és Éva Bt.",
        "Tax number": "12345678-1-42",
        Email: "iroda@adameva.hu",
        "Postal code": "1051",
        City: "Budapest",
        Contacts: "Ádám Kiss; Éva Kiss",
        "Contact emails": "adam@adameva.hu; eva@adameva.hu",
        "Contact phones": "'+36 1 234 5678",
        Status: "New request",
        Priority: "High",
        "Visit at": "2026-07-01 14:00",
        Signed: "Yes",
        Budget: "1500000.50 HUF",
        Tags: "Wood; Glass",
        "Next todo": "Send the offer",
        "Next todo due": "2026-12-02 15:20",
        Created: "2026-07-01 00:30",
      });
      expect(header!.split(",").slice(0, 3)).toEqual(["Name", "Tax number", "Email"]);

      // In Hungarian: the header in Hungarian, names family name first, ";" between cells, decimal commas.
      const hu = await csvOf(actors.admin, moduleId, { q: "Ádám és Éva" }, { columns: "all", locale: "hu", headings: { ...headings, name: "Név" } });
      const [huHeader, huRow] = hu.slice(1).trimEnd().split("\r\n");
      expect(huHeader!.startsWith("Név;")).toBe(true);
      expect(huRow).toContain(";1500000,50 HUF;");
      expect(huRow).toContain(`;"Wood; Glass";`);
    });

    it("names the file after the module, without accents or spaces", async () => {
      expect(exportFileName("Értékesítés – 2026 / Ügyfelek", "2026-12-02")).toBe("ertekesites-2026-ugyfelek-2026-12-02.csv");
      expect(exportFileName("***", "2026-12-02")).toBe("clients-2026-12-02.csv");
      const { actors, moduleId } = await setup();
      const csv = await exportDatasheets(actors.admin, moduleId, {
        filter: {},
        sort: { by: "name", dir: "asc" },
        columns: [],
        locale: "en",
        headings,
        yes: "",
        no: "",
      });
      expect(csv.fileName).toMatch(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv$/);
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
      await db()
        .update(datasheets)
        .set({ responsibleUserId: actors.normal.userId })
        .where(inArray(datasheets.id, [a[0]!, b[0]!]));
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
      expect(
        full.groups
          .flatMap((g) => g.statuses)[0]!
          .cards.map((c) => c.id)
          .sort(),
      ).toEqual([...a].sort());
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
