import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { emails, users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/permissions";
import { myDay, MY_DAY_LIMIT, recordMyDayVisit } from "@/lib/dashboards/my-day";
import { trashDatasheet } from "@/lib/datasheets/trash";
import { updateDatasheet } from "@/lib/datasheets/whole";
import { addTodo, completeTodo } from "@/lib/todos/mutations";
import { addLocalDays, localDateOf, startOfLocalDate } from "@/lib/time/zoned";
import { createWorkspace, uniqueSuffix } from "../../factories";
import { createTestClient, datasheetRow } from "../../factories/datasheets";
import { createTestModule, statusByKey } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";

const HOUR = 3_600_000;

/** A deterministic sequence, so a failure repeats. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describeEachBackend("My day", ({ db }) => {
  it("sorts my open todos into overdue, today and the next 7 days, as counted independently, within my reach", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "sales_manual");
    const random = seeded(7);
    const me = ws.actors.restricted;
    const now = new Date();
    const tz = "Europe/Budapest";
    const tomorrow = startOfLocalDate(addLocalDays(localDateOf(now, tz), 1), tz);
    const weekEnd = startOfLocalDate(addLocalDays(localDateOf(now, tz), 8), tz);

    // Datasheets of mine, of nobody (both in my reach) and of a colleague (out of it).
    const owners = [me.userId, null, ws.actors.normal.userId] as const;
    const sheets: { id: string; owner: string | null }[] = [];
    for (let i = 0; i < 12; i++) {
      const owner = owners[i % 3]!;
      const { datasheetId } = await createTestClient(ws.actors.admin, config.module.id, { responsibleUserId: owner });
      sheets.push({ id: datasheetId, owner });
    }
    const made: { id: string; dueAt: Date; done: boolean; mine: boolean; visible: boolean }[] = [];
    for (let i = 0; i < 60; i++) {
      const sheet = sheets[Math.floor(random() * sheets.length)]!;
      const dueAt = new Date(now.getTime() + Math.round((random() * 14 - 5) * 24) * HOUR + Math.round(random() * 59) * 60_000);
      const mine = random() < 0.8;
      const { id } = await addTodo(db(), ws.actors.admin, {
        datasheetId: sheet.id,
        text: `Todo ${i}`,
        dueAt,
        assigneeUserId: mine ? me.userId : ws.actors.manager.userId,
      });
      const done = random() < 0.2;
      if (done) await completeTodo(db(), ws.actors.admin, { todoId: id, version: 1 });
      made.push({ id, dueAt, done, mine, visible: sheet.owner !== ws.actors.normal.userId });
    }
    // Another workspace's todo of someone else never shows.
    const other = await createWorkspace();
    const otherModule = await createTestModule(other.actors.admin, "sales_manual");
    const { datasheetId: foreign } = await createTestClient(other.actors.admin, otherModule.module.id);
    await addTodo(db(), other.actors.admin, { datasheetId: foreign, text: "Foreign", dueAt: now, assigneeUserId: other.actors.restricted.userId });

    const day = await myDay(db(), me, now);
    const expected = (from: number, to: number) =>
      made
        .filter((t) => t.mine && !t.done && t.visible && t.dueAt.getTime() >= from && t.dueAt.getTime() < to)
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id))
        .map((t) => t.id);
    const overdue = expected(-Infinity, now.getTime());
    const today = expected(now.getTime(), tomorrow.getTime());
    const upcoming = expected(tomorrow.getTime(), weekEnd.getTime());
    expect(overdue.length + today.length + upcoming.length).toBeGreaterThan(10);
    expect(day.todos.overdue).toEqual({ items: expect.any(Array), total: overdue.length });
    expect(day.todos.overdue.items.map((t) => t.id)).toEqual(overdue);
    expect(day.todos.today.items.map((t) => t.id)).toEqual(today);
    expect(day.todos.today.total).toBe(today.length);
    expect(day.todos.upcoming.items.map((t) => t.id)).toEqual(upcoming);
    expect(day.todos.upcoming.total).toBe(upcoming.length);
    expect(day.todos.today.items.every((t) => t.moduleName === config.module.name && t.businessName.length > 0)).toBe(true);

    // The admin sees all datasheets, but My day lists only the todos assigned to them.
    const adminDay = await myDay(db(), ws.actors.admin, now);
    expect(adminDay.todos.overdue.total + adminDay.todos.today.total + adminDay.todos.upcoming.total).toBe(0);
  });

  it("shows at most MY_DAY_LIMIT todos of a section, with the whole count", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "sales_manual");
    const { datasheetId } = await createTestClient(ws.actors.admin, config.module.id);
    const now = new Date();
    const many = MY_DAY_LIMIT + 3;
    for (let i = 0; i < many; i++) {
      await addTodo(db(), ws.actors.admin, {
        datasheetId,
        text: `Late ${i}`,
        dueAt: new Date(now.getTime() - (i + 1) * 60_000),
        assigneeUserId: ws.actors.normal.userId,
      });
    }
    const day = await myDay(db(), ws.actors.normal, now);
    expect(day.todos.overdue.total).toBe(many);
    expect(day.todos.overdue.items).toHaveLength(MY_DAY_LIMIT);
    // The oldest deadline first.
    expect(day.todos.overdue.items[0]!.text).toBe(`Late ${many - 1}`);
  });

  it("lists status changes of my datasheets since my last visit, made by others or the system, not by me", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "sales_manual");
    const me = ws.actors.normal;
    const mine = await createTestClient(ws.actors.admin, config.module.id, { responsibleUserId: me.userId, name: `Mine ${uniqueSuffix()}` });
    const theirs = await createTestClient(ws.actors.admin, config.module.id, { responsibleUserId: ws.actors.manager.userId });
    const won = statusByKey(config, "won").id;
    const lost = statusByKey(config, "lost").id;

    // Last visit two hours ago: everything since counts.
    await recordMyDayVisit(db(), me, new Date(Date.now() - 2 * HOUR));
    await updateDatasheet(db(), ws.actors.admin, { datasheetId: mine.datasheetId, statusId: won });
    await updateDatasheet(db(), ws.actors.admin, { datasheetId: theirs.datasheetId, statusId: won });
    await updateDatasheet(db(), me, { datasheetId: mine.datasheetId, statusId: lost });

    const day = await myDay(db(), me);
    // Newest first: the admin's move to Won, then the datasheet's arrival in its first status (no "from").
    expect(day.changes).toHaveLength(2);
    expect(day.changes[0]).toMatchObject({
      datasheetId: mine.datasheetId,
      from: { name: config.groups[0]!.statuses[0]!.name },
      to: { name: statusByKey(config, "won").name },
      byUserId: ws.actors.admin.userId,
    });
    expect(day.changes[1]).toMatchObject({ datasheetId: mine.datasheetId, from: null, to: { name: config.groups[0]!.statuses[0]!.name } });

    // Opening My day now: within the hour it is the same visit, so the list stays.
    await recordMyDayVisit(db(), me);
    expect((await myDay(db(), me)).changes).toHaveLength(2);
    // An hour and more later it is a new visit: only what happened after the last one.
    const later = new Date(Date.now() + 2 * HOUR);
    expect((await myDay(db(), me, later)).changes).toEqual([]);
  });

  it("leaves out the todos of a trashed datasheet, from the lists and their counts, for a user who sees everything", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "sales_manual");
    const me: UserActor = ws.actors.manager;
    const kept = await createTestClient(ws.actors.admin, config.module.id);
    const gone = await createTestClient(ws.actors.admin, config.module.id);
    const now = new Date();
    for (const { datasheetId } of [kept, gone]) {
      await addTodo(db(), me, { datasheetId, text: "Overdue", dueAt: new Date(now.getTime() - 2 * HOUR), assigneeUserId: me.userId });
      await addTodo(db(), me, { datasheetId, text: "Upcoming", dueAt: new Date(now.getTime() + 3 * 24 * HOUR), assigneeUserId: me.userId });
    }
    const row = await datasheetRow(gone.datasheetId);
    await trashDatasheet(db(), ws.actors.admin, { datasheetId: gone.datasheetId, version: row.version });

    const day = await myDay(db(), me, now);
    for (const section of ["overdue", "upcoming"] as const) {
      expect(day.todos[section].total, section).toBe(1);
      expect(day.todos[section].items.map((t) => t.datasheetId), section).toEqual([kept.datasheetId]);
    }
  });

  it("lists the emails automations sent me, linking the datasheet only when I may open it", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "sales_manual");
    const me: UserActor = ws.actors.restricted;
    const reachable = await createTestClient(ws.actors.admin, config.module.id, { responsibleUserId: me.userId });
    const hidden = await createTestClient(ws.actors.admin, config.module.id, { responsibleUserId: ws.actors.normal.userId });
    const [meRow] = await db().select().from(users).where(eq(users.id, me.userId));
    const email = (subject: string, values: Partial<typeof emails.$inferInsert>) =>
      db()
        .insert(emails)
        .values({
          workspaceId: ws.workspace.id,
          template: "automation",
          idempotencyKey: `k-${uniqueSuffix()}`,
          toAddress: meRow!.email,
          fromAddress: "crm@example.test",
          subject,
          html: "<p>x</p>",
          text: "x",
          ...values,
        });
    const automationId = crypto.randomUUID();
    await email("About a client of mine", { automationId, recipientUserId: me.userId, datasheetId: reachable.datasheetId });
    await email("About a colleague's client", { automationId, recipientUserId: me.userId, datasheetId: hidden.datasheetId });
    await email("Not from an automation", { recipientUserId: me.userId });
    await email("To someone else", { automationId, recipientUserId: ws.actors.normal.userId });

    const day = await myDay(db(), me);
    expect(day.emails.map((e) => [e.subject, e.datasheetId])).toEqual(
      expect.arrayContaining([
        ["About a client of mine", reachable.datasheetId],
        ["About a colleague's client", null],
      ]),
    );
    expect(day.emails).toHaveLength(2);
  });

  it("records visits: an hour apart they move 'since my last visit' on", async () => {
    const ws = await createWorkspace();
    const me = ws.actors.manager;
    const read = async () =>
      (await db().select({ seen: users.myDaySeenAt, previous: users.myDayPreviousSeenAt }).from(users).where(eq(users.id, me.userId)))[0]!;
    const t0 = new Date("2026-12-01T08:00:00Z");
    await recordMyDayVisit(db(), me, t0);
    expect(await read()).toEqual({ seen: t0, previous: null });
    await recordMyDayVisit(db(), me, new Date("2026-12-01T08:30:00Z"));
    expect(await read()).toEqual({ seen: new Date("2026-12-01T08:30:00Z"), previous: null });
    await recordMyDayVisit(db(), me, new Date("2026-12-01T10:00:00Z"));
    expect(await read()).toEqual({ seen: new Date("2026-12-01T10:00:00Z"), previous: new Date("2026-12-01T08:30:00Z") });
  });
});
