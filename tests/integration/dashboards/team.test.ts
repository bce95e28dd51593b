import { eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { datasheets, statusChanges } from "@/db/schema";
import { systemActor, type Actor } from "@/lib/auth/permissions";
import { createClient } from "@/lib/datasheets/create";
import { newClientSchema } from "@/lib/datasheets/schemas";
import { sources, teamDashboard, type PerUser } from "@/lib/dashboards/team";
import { trashDatasheet } from "@/lib/datasheets/trash";
import { updateDatasheet } from "@/lib/datasheets/whole";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { addInvoiceSchema, markInvoicePaidSchema } from "@/lib/invoices/schemas";
import { addInvoice, markInvoicePaid } from "@/lib/invoices/mutations";
import { funnelOf } from "@/lib/statuses/funnel";
import { addTodo, completeTodo } from "@/lib/todos/mutations";
import { createWorkspace } from "../../factories";
import { createTestClient, datasheetRow, newClientInput } from "../../factories/datasheets";
import { createAutomaticModule, createTestModule } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";

const DAY = 86_400_000;

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const tally = <T>(items: T[], key: (item: T) => string | null) => {
  const out = new Map<string | null, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
};
const asMap = (rows: PerUser[]) => new Map(rows.map((r) => [r.userId, r.count]));

describeEachBackend("The team dashboard", ({ db }) => {
  it("counts the staircase, its change in the period, overdue todos, datasheets without a next step and revenue as counted independently", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "sales_manual");
    const random = seeded(11);
    const admin = ws.actors.admin;
    const people = [admin.userId, ws.actors.manager.userId, ws.actors.normal.userId, null];
    const allStatuses = config.groups.flatMap((g) => g.statuses.map((s) => ({ ...s, groupKey: g.key })));
    const now = new Date();

    // 24 clients created 100 days ago (their arrival is before the period), then moved now.
    const sheets: { id: string; statusId: string; owner: string | null; trashed: boolean }[] = [];
    for (let i = 0; i < 24; i++) {
      const owner = people[i % people.length]!;
      const { datasheetId } = await createTestClient(admin, config.module.id, { responsibleUserId: owner });
      sheets.push({ id: datasheetId, statusId: (await datasheetRow(datasheetId)).statusId, owner, trashed: false });
    }
    await db()
      .update(statusChanges)
      .set({ at: new Date(now.getTime() - 100 * DAY) })
      .where(
        inArray(
          statusChanges.datasheetId,
          sheets.map((s) => s.id),
        ),
      );
    const moves: { id: string; from: string; to: string }[] = [];
    for (const sheet of sheets) {
      if (random() < 0.3) continue;
      const to = allStatuses[Math.floor(random() * allStatuses.length)]!.id;
      if (to === sheet.statusId) continue;
      await updateDatasheet(db(), admin, { datasheetId: sheet.id, statusId: to });
      moves.push({ id: sheet.id, from: sheet.statusId, to });
      sheet.statusId = to;
    }
    // Todos: some overdue, some done, some ahead.
    const todoRecords: { sheet: (typeof sheets)[number]; assignee: string | null; overdue: boolean; done: boolean }[] = [];
    for (let i = 0; i < 30; i++) {
      const sheet = sheets[Math.floor(random() * sheets.length)]!;
      const assignee = people[Math.floor(random() * people.length)]!;
      const overdue = random() < 0.6;
      const { id } = await addTodo(db(), admin, {
        datasheetId: sheet.id,
        text: `Todo ${i}`,
        dueAt: new Date(now.getTime() + (overdue ? -1 : 1) * (1 + Math.floor(random() * 5)) * DAY),
        assigneeUserId: assignee,
      });
      const done = random() < 0.25;
      if (done) await completeTodo(db(), admin, { todoId: id, version: 1 });
      // An unassigned todo goes to the datasheet's responsible user.
      todoRecords.push({ sheet, assignee: assignee ?? sheet.owner, overdue, done });
    }
    // Invoices paid 2 and 40 days ago, one unpaid.
    const paid: { sheet: (typeof sheets)[number]; amount: string; daysAgo: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const sheet = sheets[i * 3]!;
      const amount = `${1000 + i * 250}.50`;
      const { id } = await addInvoice(
        db(),
        admin,
        addInvoiceSchema.parse({ datasheetId: sheet.id, number: `INV-${sheet.id.slice(0, 8)}-${i}`, amount, currency: "HUF", issuedOn: "2026-01-05" }),
      );
      if (i === 5) continue;
      const daysAgo = i % 2 === 0 ? 2 : 40;
      const paidOn = new Date(now.getTime() - daysAgo * DAY).toISOString().slice(0, 10);
      await markInvoicePaid(db(), admin, markInvoicePaidSchema.parse({ invoiceId: id, paidOn }));
      paid.push({ sheet, amount, daysAgo });
    }
    // One trashed: it counts nowhere.
    const gone = sheets[1]!;
    await trashDatasheet(db(), admin, { datasheetId: gone.id, version: (await datasheetRow(gone.id)).version });
    gone.trashed = true;

    const live = sheets.filter((s) => !s.trashed);
    expect(moves.length).toBeGreaterThan(8);
    const board = await teamDashboard(db(), ws.actors.manager, { period: "30d" }, now);
    const sales = board.modules.find((m) => m.id === config.module.id)!;
    const statusesNow = sales.groups.flatMap((g) => g.statuses);
    const expectedCount = tally(live, (s) => s.statusId);
    const liveMoves = moves.filter((m) => !sheets.find((s) => s.id === m.id)!.trashed);
    for (const status of statusesNow) {
      expect(status.count, status.key).toBe(expectedCount.get(status.id) ?? 0);
      const change = liveMoves.filter((m) => m.to === status.id).length - liveMoves.filter((m) => m.from === status.id).length;
      expect(status.change, status.key).toBe(change);
    }
    for (const group of sales.groups) expect(group.count).toBe(group.statuses.reduce((n, s) => n + s.count, 0));
    // A period reaching back before the arrivals: every datasheet's arrival is a change in.
    const long = await teamDashboard(db(), admin, { period: "custom", from: new Date(now.getTime() - 200 * DAY).toISOString().slice(0, 10) }, now);
    for (const status of long.modules.find((m) => m.id === config.module.id)!.groups.flatMap((g) => g.statuses)) {
      expect(status.change, status.key).toBe(status.count);
    }

    const overdue = tally(
      todoRecords.filter((t) => t.overdue && !t.done && !t.sheet.trashed),
      (t) => t.assignee,
    );
    expect(overdue.size).toBeGreaterThan(1);
    expect(asMap(board.overdueByUser)).toEqual(overdue);

    const finished = new Set(allStatuses.filter((s) => s.groupKey === "closed").map((s) => s.id));
    const withTodo = new Set(todoRecords.filter((t) => !t.done).map((t) => t.sheet.id));
    const idle = tally(
      live.filter((s) => !withTodo.has(s.id) && !finished.has(s.statusId)),
      (s) => s.owner,
    );
    expect(idle.size).toBeGreaterThan(1);
    expect(asMap(board.withoutOpenTodoByUser)).toEqual(idle);

    const recent = paid.filter((p) => p.daysAgo === 2 && !p.sheet.trashed);
    const total = recent.reduce((sum, p) => sum + Math.round(Number(p.amount) * 100), 0);
    const revenue = board.revenue.reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0);
    expect(recent.length).toBeGreaterThan(1);
    expect(revenue).toBe(total);
    expect(board.revenue.reduce((n, r) => n + r.invoices, 0)).toBe(recent.length);
    expect(board.revenue.every((r) => r.currency === "HUF" && /^\d{4}-\d{2}$/.test(r.month))).toBe(true);
  });

  it("counts new datasheets per week by source: Entry, an import, the API, or made in the app", async () => {
    const ws = await createWorkspace();
    const admin = ws.actors.admin;
    const manual = await createTestModule(admin, "sales_manual");
    const auto = await createAutomaticModule(admin);
    const make = (actor: Actor, moduleId: string, fields: Record<string, unknown> = {}) =>
      createClient(db(), actor, newClientSchema.parse({ ...newClientInput(moduleId), fields }));
    const apiCaller = { ...ws.actors.manager, keyId: crypto.randomUUID(), locale: "en" as const };
    await make(admin, manual.module.id);
    await make(admin, manual.module.id);
    await make(admin, auto.moduleId);
    await make(admin, auto.moduleId, { entry: "subscriber" });
    await make(admin, auto.moduleId, { entry: "list" });
    await make(apiCaller, auto.moduleId);
    await make(apiCaller, manual.module.id);
    await make(systemActor(ws.workspace.id, "import"), manual.module.id);
    const old = await make(admin, manual.module.id);
    await db()
      .update(datasheets)
      .set({ createdAt: new Date(Date.now() - 60 * DAY) })
      .where(eq(datasheets.id, old.datasheetId));

    const board = await teamDashboard(db(), admin, { period: "30d" });
    const total = Object.fromEntries(sources.map((source) => [source, board.newBySource.reduce((n, w) => n + w.counts[source], 0)]));
    expect(total).toEqual({ inquiry: 1, subscriber: 1, list: 1, import: 1, api: 2, app: 2 });
    // All made this week: one week, a Monday.
    expect(board.newBySource).toHaveLength(1);
    expect(new Date(`${board.newBySource[0]!.week}T12:00:00Z`).getUTCDay()).toBe(1);

    // The automatic module's funnel over the same days: its four new datasheets each entered a group
    // (the two inquiries Sales, the subscriber and the list Marketing); a manual module has none.
    const autoCard = board.modules.find((m) => m.id === auto.moduleId)!;
    expect(board.modules.find((m) => m.id === manual.module.id)!.funnel).toBeNull();
    expect(autoCard.funnel).toEqual((await funnelOf(db(), admin, auto.moduleId, { from: board.period.from, to: board.period.to })).groups);
    const entered = Object.fromEntries(autoCard.funnel!.map((g) => [g.key, g.entered]));
    expect(entered).toMatchObject({ marketing: 2, sales: 2, customers: 0, non_customers: 0 });
  });

  it("is for admins and managers only, and counts one workspace", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const theirs = await createTestModule(other.actors.admin, "sales_manual");
    await createTestClient(other.actors.admin, theirs.module.id);
    await expect(teamDashboard(db(), ws.actors.normal)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(teamDashboard(db(), ws.actors.restricted)).rejects.toBeInstanceOf(ForbiddenError);
    const board = await teamDashboard(db(), ws.actors.admin);
    expect(board.modules.map((m) => m.id)).not.toContain(theirs.module.id);
    expect(board.overdueByUser).toEqual([]);
    expect(board.withoutOpenTodoByUser).toEqual([]);
  });

  it("refuses a custom period it cannot read, naming the field", async () => {
    const ws = await createWorkspace();
    const error = (input: Record<string, string>) => teamDashboard(db(), ws.actors.admin, input).catch((e: unknown) => e);
    expect(await error({ period: "custom", from: "2026-02-30" })).toMatchObject({ fieldErrors: { from: "dateInvalid" } });
    expect(await error({ period: "custom", from: "2026-03-01", to: "2026-02-01" })).toMatchObject({ fieldErrors: { to: "periodOrder" } });
    expect(await error({ period: "custom", from: "2020-01-01", to: "2026-01-01" })).toBeInstanceOf(ValidationError);
  });
});
