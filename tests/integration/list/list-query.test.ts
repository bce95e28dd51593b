import { eq, inArray, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { businesses, datasheets, todos, workspaces } from "@/db/schema";
import { getStaircase } from "@/lib/datasheets/list-counts";
import { getListPage } from "@/lib/datasheets/list-page";
import { listDatasheets } from "@/lib/datasheets/list-query";
import { NotFoundError } from "@/lib/errors";
import { createField } from "@/lib/modules/field-mutations";
import type { ListFilter, ListSort } from "@/lib/views/filter";
import type { Actor } from "@/lib/auth/permissions";
import { createWorkspace } from "../../factories";
import { createDatasheets, createTestModule, setFieldValue, statusByKey } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";

describeEachBackend("client list", ({ db }) => {
  async function setup() {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "customer_service");
    const open = statusByKey(config, "new_request");
    const busy = statusByKey(config, "in_progress");
    const a = await createDatasheets(ws.workspace.id, { moduleId: config.module.id, statusId: open.id }, 6);
    const b = await createDatasheets(ws.workspace.id, { moduleId: config.module.id, statusId: busy.id }, 4);
    return { ...ws, config, open, busy, a, b, moduleId: config.module.id };
  }

  /** Every row of the list, page by page through the cursor. */
  async function allPages(actor: Actor, moduleId: string, filter: ListFilter, sort?: ListSort, limit = 3) {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const page = await listDatasheets(actor, moduleId, { filter, sort, cursor, limit });
      ids.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
      if (!cursor) return ids;
    }
    throw new Error("the cursor never ended");
  }

  it("shows a restricted user only their own and unassigned datasheets, in rows, counts and search", async () => {
    const { actors, moduleId, a, b } = await setup();
    await db()
      .update(datasheets)
      .set({ responsibleUserId: actors.normal.userId })
      .where(inArray(datasheets.id, [a[0]!, a[1]!, b[0]!]));
    await db().update(datasheets).set({ responsibleUserId: actors.restricted.userId }).where(eq(datasheets.id, a[2]!));
    const everyone = await allPages(actors.normal, moduleId, {});
    expect(everyone).toHaveLength(10);
    const restricted = await allPages(actors.restricted, moduleId, {});
    expect(new Set(restricted)).toEqual(new Set([...a.slice(2), ...b.slice(1)]));
    const stairs = await getStaircase(actors.restricted, moduleId, {});
    expect(stairs[0]!.statuses.map((s) => [s.key, s.count])).toEqual([
      ["new_request", 4],
      ["in_progress", 3],
      ["waiting_for_client", 0],
    ]);
    expect(await allPages(actors.restricted, moduleId, { q: "Business 1" })).toEqual([]);
    const own = await allPages(actors.normal, moduleId, { responsible: ["me"] });
    expect(new Set(own)).toEqual(new Set([a[0], a[1], b[0]]));
    expect(new Set(await allPages(actors.admin, moduleId, { responsible: ["none"] }))).toHaveProperty("size", 6);
  });

  it("reads the page and the staircase in one go, under the same visibility", async () => {
    const { actors, moduleId, a } = await setup();
    await db().update(datasheets).set({ responsibleUserId: actors.normal.userId }).where(eq(datasheets.id, a[0]!));
    const page = await getListPage(actors.restricted, moduleId, { filter: { statuses: ["new_request"] } });
    expect(page.rows.map((r) => r.id).sort()).toEqual(a.slice(1).sort());
    expect(page.staircase[0]!.statuses.map((s) => s.count)).toEqual([5, 4, 0]);
    const other = await createWorkspace();
    await expect(getListPage(other.actors.admin, moduleId, { filter: {} })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("is not found from another workspace, for an archived or unknown module", async () => {
    const { moduleId } = await setup();
    const other = await createWorkspace();
    await expect(listDatasheets(other.actors.admin, moduleId, { filter: {} })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStaircase(other.actors.admin, moduleId, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(listDatasheets(other.actors.admin, "nope", { filter: {} })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("filters by status and group, and counts the staircase under the other filters", async () => {
    const { actors, moduleId, a, b, config } = await setup();
    expect(new Set(await allPages(actors.admin, moduleId, { statuses: ["in_progress"] }))).toEqual(new Set(b));
    const openGroup = config.groups[0]!.key;
    expect(await allPages(actors.admin, moduleId, { groups: [openGroup] })).toHaveLength(10);
    expect(await allPages(actors.admin, moduleId, { statuses: ["gone"] })).toEqual([]);
    await db()
      .update(businesses)
      .set({ searchText: "kovács kft kovacs@example.hu +36 1 234 5678" })
      .where(eq(businesses.id, sql`(select business_id from datasheets where id = ${a[3]!})`));
    const stairs = await getStaircase(actors.admin, moduleId, { q: "KOVÁCS", statuses: ["in_progress"] });
    expect(stairs[0]!.statuses.find((s) => s.key === "new_request")!.count).toBe(1);
    expect(await allPages(actors.admin, moduleId, { q: "+36 1 234" })).toEqual([a[3]]);
    expect(await allPages(actors.admin, moduleId, { q: "100%" })).toEqual([]);
  });

  it("sorts by every column both ways, each page after the last, nulls at one end", async () => {
    const { actors, moduleId, a, b, workspace } = await setup();
    const all = [...a, ...b];
    // Distinct values with ties, and some nulls.
    for (const [i, id] of all.entries()) {
      await db()
        .update(datasheets)
        .set({
          businessName: `Name ${i % 4}`,
          lastContactAt: i % 3 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + (i % 5))),
          nextTodoDueAt: i % 2 === 0 ? null : new Date(Date.UTC(2026, 1, 1 + (i % 3))),
          responsibleUserId: i % 3 === 1 ? actors.manager.userId : i % 3 === 2 ? actors.normal.userId : null,
        })
        .where(eq(datasheets.id, id));
    }
    const rows = await db().select().from(datasheets).where(eq(datasheets.workspaceId, workspace.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const by of ["name", "status", "responsible", "nextTodo", "lastContact", "created"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const ids = await allPages(actors.admin, moduleId, {}, { by, dir });
        expect(new Set(ids).size, `${by} ${dir}`).toBe(10);
        const values = ids.map((id) => {
          const r = byId.get(id)!;
          return { name: r.businessName, nextTodo: r.nextTodoDueAt, lastContact: r.lastContactAt, created: r.createdAt }[by as "name"];
        });
        if (by === "nextTodo" || by === "lastContact") {
          const nulls = values.map((v) => v === null);
          // Going up, the nulls come last; going down, first.
          const firstNull = nulls.indexOf(true);
          if (dir === "asc") expect(nulls.slice(firstNull).every(Boolean), `${by} ${dir}`).toBe(true);
          else expect(nulls.slice(0, nulls.lastIndexOf(true) + 1).every(Boolean), `${by} ${dir}`).toBe(true);
          const present = (values.filter((v) => v !== null) as unknown as Date[]).map((d) => d.getTime());
          const sorted = [...present].sort((x, y) => (dir === "asc" ? x - y : y - x));
          expect(present, `${by} ${dir}`).toEqual(sorted);
        } else if (by === "name") {
          const names = values as string[];
          expect(names).toEqual([...names].sort((x, y) => (dir === "asc" ? x.localeCompare(y) : y.localeCompare(x))));
        } else if (by === "status") {
          const inProgressFirst = ids.findIndex((id) => b.includes(id));
          const positions = ids.map((id) => (b.includes(id) ? 1 : 0));
          expect(positions).toEqual([...positions].sort((x, y) => (dir === "asc" ? x - y : y - x)));
          expect(inProgressFirst).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it("sorts by status in the staircase order, status by status, page after page, with and without a filter", async () => {
    const { actors, moduleId, config, a, b } = await setup();
    // Spread the clients over every status of the module.
    const statusIds = config.groups.flatMap((g) => g.statuses.map((s) => s.id));
    for (const [i, id] of [...a, ...b].entries()) {
      await db()
        .update(datasheets)
        .set({ statusId: statusIds[i % statusIds.length]! })
        .where(eq(datasheets.id, id));
    }
    // The order the status sort names: group position, status position (byte order), then id.
    const expected = async (dir: "asc" | "desc", groupKey?: string) => {
      const result = (await db().execute(sql`
        select d.id from datasheets d
          join statuses s on s.id = d.status_id
          join status_groups g on g.id = s.group_id
         where d.module_id = ${moduleId} and d.deleted_at is null ${groupKey ? sql`and g.key = ${groupKey}` : sql``}
         order by (g.position || ' ' || s.position) collate "C" ${dir === "asc" ? sql`asc` : sql`desc`}, d.id ${dir === "asc" ? sql`asc` : sql`desc`}`)) as unknown as {
        rows: { id: string }[];
      };
      return result.rows.map((r) => r.id);
    };
    for (const dir of ["asc", "desc"] as const) {
      expect(await allPages(actors.admin, moduleId, {}, { by: "status", dir }), dir).toEqual(await expected(dir));
      const group = config.groups[0]!.key;
      expect(await allPages(actors.admin, moduleId, { groups: [group] }, { by: "status", dir }, 2), `${group} ${dir}`).toEqual(await expected(dir, group));
    }
  });

  it("sorts and filters by custom fields through their value rows", async () => {
    const { actors, moduleId, a } = await setup();
    const size = await createField(actors.admin, moduleId, { label: "Size", type: "number" });
    const visit = await createField(actors.admin, moduleId, { label: "Visit", type: "date" });
    const vip = await createField(actors.admin, moduleId, { label: "VIP", type: "checkbox" });
    const segment = await createField(actors.admin, moduleId, {
      label: "Segment",
      type: "single_select",
      options: ["Retail", "Wholesale"],
    });
    const city = await createField(actors.admin, moduleId, { label: "City", type: "text" });
    await setFieldValue(a[0]!, size.id, 5);
    await setFieldValue(a[1]!, size.id, 50);
    await setFieldValue(a[2]!, size.id, 500);
    await setFieldValue(a[0]!, visit.id, "2026-03-01");
    await setFieldValue(a[1]!, visit.id, "2026-04-15");
    await setFieldValue(a[0]!, vip.id, true);
    await setFieldValue(a[1]!, vip.id, false);
    await setFieldValue(a[2]!, segment.id, "wholesale");
    await setFieldValue(a[3]!, segment.id, "retail");
    await setFieldValue(a[3]!, city.id, "Budapest");

    expect(await allPages(actors.admin, moduleId, { fields: { size: { op: "range", min: "10", max: "500" } } })).toEqual(expect.arrayContaining([a[1], a[2]]));
    expect(await allPages(actors.admin, moduleId, { fields: { size: { op: "range", min: "10", max: "499.5" } } })).toEqual([a[1]]);
    expect(await allPages(actors.admin, moduleId, { fields: { visit: { op: "between", from: "2026-04-01" } } })).toEqual([a[1]]);
    expect(await allPages(actors.admin, moduleId, { fields: { vip: { op: "checked", value: true } } })).toEqual([a[0]]);
    expect(await allPages(actors.admin, moduleId, { fields: { vip: { op: "checked", value: false } } })).toHaveLength(9);
    expect(await allPages(actors.admin, moduleId, { fields: { segment: { op: "in", options: ["wholesale", "retail"] } } })).toHaveLength(2);
    expect(await allPages(actors.admin, moduleId, { fields: { city: { op: "contains", text: "pest" } } })).toEqual([a[3]]);
    // A filter on a field that does not exist (removed) matches nothing rather than everything.
    expect(await allPages(actors.admin, moduleId, { fields: { gone: { op: "checked", value: true } } })).toEqual([]);

    const up = await allPages(actors.admin, moduleId, {}, { by: "field:size", dir: "asc" });
    expect(up.slice(0, 3)).toEqual([a[0], a[1], a[2]]);
    const down = await allPages(actors.admin, moduleId, {}, { by: "field:size", dir: "desc" });
    expect(down.slice(7)).toEqual([a[2], a[1], a[0]]);
    const page = await listDatasheets(actors.admin, moduleId, { filter: {}, sort: { by: "field:size", dir: "asc" }, fieldKeys: ["size", "visit"] });
    expect(page.rows[0]!.fields).toEqual({ size: 5, visit: "2026-03-01" });
  });

  it("filters by a user field, by a field's missing value, and by date-and-time days on the workspace's clock", async () => {
    const { actors, users, workspace, moduleId, a } = await setup();
    // Auckland is thirteen hours ahead of UTC in December: 12:30 UTC on the 1st is the 2nd there.
    await db().update(workspaces).set({ timeZone: "Pacific/Auckland" }).where(eq(workspaces.id, workspace.id));
    const owner = await createField(actors.admin, moduleId, { label: "Account owner", type: "user" });
    const met = await createField(actors.admin, moduleId, { label: "Met at", type: "datetime" });
    await setFieldValue(a[0]!, owner.id, users.normal.id);
    await setFieldValue(a[1]!, owner.id, users.manager.id);
    await setFieldValue(a[2]!, owner.id, users.normal.id);
    await setFieldValue(a[0]!, met.id, "2026-12-01T12:30:00Z");
    await setFieldValue(a[1]!, met.id, "2026-12-01T10:30:00Z");

    const sorted = (ids: (string | undefined)[]) => [...ids].sort();
    expect(sorted(await allPages(actors.admin, moduleId, { fields: { [owner.key]: { op: "users", users: [users.normal.id] } } }))).toEqual(
      sorted([a[0], a[2]]),
    );
    expect(sorted(await allPages(actors.admin, moduleId, { fields: { [owner.key]: { op: "users", users: [users.normal.id, users.manager.id] } } }))).toEqual(
      sorted([a[0], a[1], a[2]]),
    );
    // "No value": the other seven datasheets of the module.
    const withoutOwner = await allPages(actors.admin, moduleId, { fields: { [owner.key]: { op: "empty" } } });
    expect(withoutOwner).toHaveLength(7);
    expect(withoutOwner).not.toContain(a[0]);
    // A user filter on a field of another type matches nothing rather than everything.
    expect(await allPages(actors.admin, moduleId, { fields: { [met.key]: { op: "users", users: [users.normal.id] } } })).toEqual([]);

    expect(await allPages(actors.admin, moduleId, { fields: { [met.key]: { op: "between", from: "2026-12-02", to: "2026-12-02" } } })).toEqual([a[0]]);
    expect(await allPages(actors.admin, moduleId, { fields: { [met.key]: { op: "between", from: "2026-12-01", to: "2026-12-01" } } })).toEqual([a[1]]);
    expect(await allPages(actors.admin, moduleId, { fields: { [met.key]: { op: "between", to: "2026-12-01" } } })).toEqual([a[1]]);
  });

  it("keeps its pages stable while datasheets are added between page fetches", async () => {
    const { actors, moduleId, workspace, open, a, b } = await setup();
    for (const sort of [
      { by: "created", dir: "desc" },
      { by: "name", dir: "asc" },
      { by: "lastContact", dir: "asc" },
    ] as const) {
      const original = new Set([...a, ...b]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listDatasheets(actors.admin, moduleId, { filter: {}, sort, cursor, limit: 3 });
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor;
        // Someone adds two clients meanwhile, sorting anywhere.
        await createDatasheets(workspace.id, { moduleId, statusId: open.id }, 2);
      } while (cursor);
      const fromOriginal = seen.filter((id) => original.has(id));
      expect(new Set(fromOriginal).size, sort.by).toBe(fromOriginal.length);
      expect(new Set(fromOriginal), sort.by).toEqual(original);
    }
  });

  it("shows the next todo and the responsible user of each row", async () => {
    const { actors, users, moduleId, a, workspace } = await setup();
    const [todo] = await db()
      .insert(todos)
      .values({ workspaceId: workspace.id, datasheetId: a[0]!, text: "Call back", dueAt: new Date("2026-05-01T09:00:00Z") })
      .returning();
    await db()
      .update(datasheets)
      .set({ nextTodoId: todo!.id, nextTodoDueAt: todo!.dueAt, responsibleUserId: actors.manager.userId })
      .where(eq(datasheets.id, a[0]!));
    const page = await listDatasheets(actors.admin, moduleId, { filter: {}, sort: { by: "nextTodo", dir: "asc" } });
    expect(page.rows[0]).toMatchObject({
      id: a[0],
      nextTodo: { text: "Call back", dueAt: new Date("2026-05-01T09:00:00Z") },
      responsible: { id: actors.manager.userId, familyName: users.manager.familyName },
    });
  });

  it("goes back page by page through the previous-page cursor, to the same pages, in every sort", async () => {
    const { actors, moduleId, a, b } = await setup();
    // Nulls and ties, so both the seek and its reverse go through them.
    await db()
      .update(datasheets)
      .set({ lastContactAt: new Date("2026-04-01T08:00:00Z") })
      .where(inArray(datasheets.id, [a[0]!, a[4]!, b[1]!]));
    await db()
      .update(datasheets)
      .set({ lastContactAt: new Date("2026-02-01T08:00:00Z") })
      .where(eq(datasheets.id, b[2]!));
    await db()
      .update(datasheets)
      .set({ businessName: "Same Name Kft." })
      .where(inArray(datasheets.id, [a[1]!, a[5]!, b[0]!]));
    const sorts: ListSort[] = [
      { by: "created", dir: "desc" },
      { by: "name", dir: "asc" },
      { by: "name", dir: "desc" },
      { by: "lastContact", dir: "asc" },
      { by: "lastContact", dir: "desc" },
      { by: "field:size", dir: "asc" },
      { by: "status", dir: "desc" },
    ];
    for (const sort of sorts) {
      const label = `${sort.by} ${sort.dir}`;
      const forward: { ids: string[]; prevCursor: string | null }[] = [];
      let cursor: string | null = null;
      do {
        const page = await listDatasheets(actors.admin, moduleId, { filter: {}, sort, cursor, limit: 3 });
        forward.push({ ids: page.rows.map((r) => r.id), prevCursor: page.prevCursor });
        cursor = page.nextCursor;
      } while (cursor);
      expect(
        forward.map((p) => p.ids.length),
        label,
      ).toEqual([3, 3, 3, 1]);
      expect(forward[0]!.prevCursor, label).toBeNull();

      // From the last page back to the first: each step lands on the page seen before it.
      const backward: string[][] = [];
      let back = forward.at(-1)!.prevCursor;
      while (back) {
        const page = await listDatasheets(actors.admin, moduleId, { filter: {}, sort, cursor: back, limit: 3 });
        backward.push(page.rows.map((r) => r.id));
        back = page.prevCursor;
      }
      expect(backward, label).toEqual(
        forward
          .slice(0, -1)
          .map((p) => p.ids)
          .reverse(),
      );
    }
  });

  it("shows the first page when fewer rows than a page lie before the previous-page cursor", async () => {
    const { actors, moduleId } = await setup();
    const sort: ListSort = { by: "name", dir: "asc" };
    const first = await listDatasheets(actors.admin, moduleId, { filter: {}, sort, limit: 3 });
    const second = await listDatasheets(actors.admin, moduleId, { filter: {}, sort, cursor: first.nextCursor, limit: 3 });
    // The first page's clients are deleted but one: "previous" still shows a full first page.
    const [, ...gone] = first.rows.map((r) => r.id);
    await db().update(datasheets).set({ deletedAt: new Date() }).where(inArray(datasheets.id, gone));
    const back = await listDatasheets(actors.admin, moduleId, { filter: {}, sort, cursor: second.prevCursor, limit: 3 });
    const fromTop = await listDatasheets(actors.admin, moduleId, { filter: {}, sort, limit: 3 });
    expect(back.rows.map((r) => r.id)).toEqual(fromTop.rows.map((r) => r.id));
    expect(back.rows).toHaveLength(3);
    expect(back.prevCursor).toBeNull();
  });

  it("starts over when a cursor is malformed or belongs to another sort", async () => {
    const { actors, moduleId } = await setup();
    const first = await listDatasheets(actors.admin, moduleId, { filter: {}, limit: 3 });
    const wrongSort = await listDatasheets(actors.admin, moduleId, { filter: {}, sort: { by: "name", dir: "asc" }, cursor: first.nextCursor, limit: 3 });
    const fromTop = await listDatasheets(actors.admin, moduleId, { filter: {}, sort: { by: "name", dir: "asc" }, limit: 3 });
    expect(wrongSort.rows.map((r) => r.id)).toEqual(fromTop.rows.map((r) => r.id));
    const garbage = await listDatasheets(actors.admin, moduleId, { filter: {}, cursor: "!!not-a-cursor", limit: 3 });
    expect(garbage.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });
});
