import "server-only";
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Conn } from "@/db/client";
import { datasheets, emails, modules, statusChanges, statuses, todos, users, workspaces } from "@/db/schema";
import type { UserActor } from "@/lib/auth/permissions";
import { visibleDatasheetOf, visibleDatasheets } from "@/lib/datasheets/access";
import { addLocalDays, localDateOf, startOfLocalDate } from "@/lib/time/zoned";

/*
 * "My day" (issue 15), everyone's first page: my open todos that are overdue, due today and due in
 * the next 7 days; the status changes of my datasheets since my last visit; the emails automations
 * sent me. Each read goes through the one visibility rule (lib/datasheets/access.ts): a restricted
 * user sees only what they may, even among todos assigned to them.
 */

/** A section shows at most this many todos; its count says how many there are. */
export const MY_DAY_LIMIT = 50;
/** A visit this long after the last one is a new visit: "since my last visit" moves on. */
export const NEW_VISIT_AFTER_MS = 60 * 60 * 1000;
/** Without a last visit (or a very old one), changes of this many days back. */
const LOOKBACK_DAYS = 7;

export const todoSections = ["overdue", "today", "upcoming"] as const;
export type TodoSection = (typeof todoSections)[number];

export interface MyDayTodo {
  id: string;
  version: number;
  text: string;
  dueAt: Date;
  datasheetId: string;
  businessName: string;
  moduleName: string;
  responsibleUserId: string | null;
}

export interface MyDayChange {
  id: string;
  datasheetId: string;
  businessName: string;
  moduleName: string;
  from: { name: string; color: string } | null;
  to: { name: string; color: string };
  at: Date;
  /** Null: the system (a rule, a daily check, an automation). */
  byUserId: string | null;
}

export interface MyDayEmail {
  id: string;
  subject: string;
  createdAt: Date;
  /** The datasheet it is about, when the user may open it. */
  datasheetId: string | null;
  businessName: string | null;
}

export interface MyDay {
  timeZone: string;
  todos: Record<TodoSection, { items: MyDayTodo[]; total: number }>;
  /** Changes after this moment are listed. */
  changesSince: Date;
  changes: MyDayChange[];
  emails: MyDayEmail[];
}

/** The moment "since my last visit" starts from, given the visits stored and now. */
export function lastVisitStart(seenAt: Date | null, previousSeenAt: Date | null, now: Date): Date {
  const floor = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000);
  // Opened within the hour: the same visit, still counted from the one before.
  const since = seenAt && now.getTime() - seenAt.getTime() < NEW_VISIT_AFTER_MS ? previousSeenAt : seenAt;
  return since && since > floor ? since : floor;
}

export async function myDay(conn: Conn, actor: UserActor, now = new Date()): Promise<MyDay> {
  const [me] = await conn
    .select({ timeZone: workspaces.timeZone, seenAt: users.myDaySeenAt, previousSeenAt: users.myDayPreviousSeenAt })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(and(eq(users.id, actor.userId), eq(users.workspaceId, actor.workspaceId)));
  const timeZone = me?.timeZone ?? "Europe/Budapest";
  const today = localDateOf(now, timeZone);
  const tomorrow = startOfLocalDate(addLocalDays(today, 1), timeZone);
  const weekEnd = startOfLocalDate(addLocalDays(today, 8), timeZone);
  const changesSince = lastVisitStart(me?.seenAt ?? null, me?.previousSeenAt ?? null, now);

  const [todosBySection, changes, mail] = await Promise.all([
    myTodos(conn, actor, now, tomorrow, weekEnd),
    changesOfMine(conn, actor, changesSince),
    automationEmails(conn, actor),
  ]);
  return { timeZone, todos: todosBySection, changesSince, changes, emails: mail };
}

/**
 * My open todos due before the end of the 7th day from today, by section: the first MY_DAY_LIMIT of
 * each (walking the open todos' (assignee, due) index, so a user with thousands of overdue todos
 * reads 50 of them), and each section's count.
 */
async function myTodos(conn: Conn, actor: UserActor, now: Date, tomorrow: Date, weekEnd: Date) {
  const bounds: Record<TodoSection, [Date | null, Date]> = { overdue: [null, now], today: [now, tomorrow], upcoming: [tomorrow, weekEnd] };
  const mine = (from: Date | null, to: Date) =>
    and(
      eq(todos.assigneeUserId, actor.userId),
      eq(todos.workspaceId, actor.workspaceId),
      sql`${todos.doneAt} is null`,
      from ? sql`${todos.dueAt} >= ${from.toISOString()}::timestamptz` : undefined,
      sql`${todos.dueAt} < ${to.toISOString()}::timestamptz`,
    );
  const section = sql<TodoSection>`case when ${todos.dueAt} < ${now.toISOString()}::timestamptz then 'overdue'
    when ${todos.dueAt} < ${tomorrow.toISOString()}::timestamptz then 'today' else 'upcoming' end`;
  const [counts, ...pages] = await Promise.all([
    conn
      .select({ section, total: sql<number>`count(*)::int` })
      .from(todos)
      .where(and(mine(null, weekEnd), visibleDatasheetOf(actor, sql`${todos.datasheetId}`)))
      .groupBy(sql`1`),
    ...todoSections.map((name) =>
      conn
        .select({
          id: todos.id,
          version: todos.version,
          text: todos.text,
          dueAt: todos.dueAt,
          datasheetId: todos.datasheetId,
          businessName: datasheets.businessName,
          moduleName: modules.name,
          responsibleUserId: datasheets.responsibleUserId,
        })
        .from(todos)
        .innerJoin(datasheets, eq(datasheets.id, todos.datasheetId))
        .innerJoin(modules, eq(modules.id, datasheets.moduleId))
        .where(and(mine(...bounds[name]), visibleDatasheets(actor)))
        .orderBy(todos.dueAt, todos.id)
        .limit(MY_DAY_LIMIT),
    ),
  ]);
  const totals = new Map(counts.map((c) => [c.section, Number(c.total)]));
  return Object.fromEntries(todoSections.map((name, i) => [name, { items: pages[i]!, total: totals.get(name) ?? 0 }])) as MyDay["todos"];
}

const fromStatus = alias(statuses, "from_status");

/** Status changes of the datasheets I am responsible for since `since`, made by anyone but me: newest first. */
async function changesOfMine(conn: Conn, actor: UserActor, since: Date): Promise<MyDayChange[]> {
  const rows = await conn
    .select({
      id: statusChanges.id,
      datasheetId: statusChanges.datasheetId,
      businessName: datasheets.businessName,
      moduleName: modules.name,
      fromName: fromStatus.name,
      fromColor: fromStatus.color,
      toName: statuses.name,
      toColor: statuses.color,
      at: statusChanges.at,
      byUserId: statusChanges.actorUserId,
      bySystem: statusChanges.actorSystem,
    })
    .from(statusChanges)
    .innerJoin(datasheets, eq(datasheets.id, statusChanges.datasheetId))
    .innerJoin(modules, eq(modules.id, datasheets.moduleId))
    .innerJoin(statuses, eq(statuses.id, statusChanges.toStatusId))
    .leftJoin(fromStatus, eq(fromStatus.id, statusChanges.fromStatusId))
    .where(
      and(
        eq(datasheets.responsibleUserId, actor.userId),
        visibleDatasheets(actor),
        sql`${statusChanges.at} > ${since.toISOString()}::timestamptz`,
        // What I did myself I know about; what a rule did after my change is news.
        sql`(${statusChanges.actorUserId} is distinct from ${actor.userId} or ${statusChanges.actorSystem} is not null)`,
      ),
    )
    .orderBy(desc(statusChanges.at), desc(statusChanges.id))
    .limit(MY_DAY_LIMIT);
  return rows.map((r) => ({
    id: r.id,
    datasheetId: r.datasheetId,
    businessName: r.businessName,
    moduleName: r.moduleName,
    from: r.fromName === null || r.fromColor === null ? null : { name: r.fromName, color: r.fromColor },
    to: { name: r.toName, color: r.toColor },
    at: r.at,
    byUserId: r.bySystem ? null : r.byUserId,
  }));
}

/** The latest emails automations sent me (14 days), with their datasheet when I may open it. */
async function automationEmails(conn: Conn, actor: UserActor): Promise<MyDayEmail[]> {
  const rows = await conn
    .select({
      id: emails.id,
      subject: emails.subject,
      createdAt: emails.createdAt,
      datasheetId: datasheets.id,
      businessName: datasheets.businessName,
    })
    .from(emails)
    .leftJoin(datasheets, and(eq(datasheets.id, emails.datasheetId), visibleDatasheets(actor)))
    .where(
      and(
        eq(emails.workspaceId, actor.workspaceId),
        eq(emails.recipientUserId, actor.userId),
        isNotNull(emails.automationId),
        sql`${emails.createdAt} > now() - interval '14 days'`,
      ),
    )
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(20);
  return rows;
}

/**
 * Records a visit of My day: a visit more than an hour after the last one moves "since my last
 * visit" on to it; within the hour it is the same visit.
 */
export async function recordMyDayVisit(conn: Conn, actor: UserActor, now = new Date()): Promise<void> {
  await conn
    .update(users)
    .set({
      myDayPreviousSeenAt: sql`case when ${users.myDaySeenAt} is null or ${users.myDaySeenAt} < ${new Date(now.getTime() - NEW_VISIT_AFTER_MS).toISOString()}::timestamptz
        then ${users.myDaySeenAt} else ${users.myDayPreviousSeenAt} end`,
      myDaySeenAt: now,
    })
    .where(and(eq(users.id, actor.userId), eq(users.workspaceId, actor.workspaceId)));
}
