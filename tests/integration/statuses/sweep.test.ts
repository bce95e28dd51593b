import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { datasheets, invoices, statusChanges, statuses } from "@/db/schema";
import { systemActor } from "@/lib/auth/permissions";
import { commitDatasheets } from "@/lib/datasheets/commit";
import { createClients, type NewClientRow } from "@/lib/datasheets/create";
import { factsOf, type FactsRow } from "@/lib/statuses/at-commit";
import { defaultRuleSettings, deriveStatus, type StatusKey } from "@/lib/statuses/derive";
import { automaticModules, previewModule, sweepModule } from "@/lib/statuses/sweep";
import { createWorkspace } from "../../factories";
import { createAutomaticModule } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";

/*
 * The daily checks say what the rule says: over a few thousand datasheets with every kind of
 * fact, the set-based statements of lib/statuses/sweep.ts move exactly the datasheets whose status
 * lib/statuses/derive.ts, applied row by row, says should change — at now, in the future and in
 * the past (a dry run) — and two runs at once move each datasheet once.
 */

const DAY = 86_400_000;
const COUNT = 2_000;

function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generated(now: Date) {
  const ws = await createWorkspace();
  const auto = await createAutomaticModule(ws.actors.admin);
  const random = seeded(20261202);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const system = systemActor(ws.workspace.id, "seed");
  const rows: NewClientRow[] = Array.from({ length: COUNT }, (_, i) => {
    const entry = pick(["inquiry", "inquiry", "subscriber", "list"] as const);
    const salesStatus = entry === "inquiry" ? pick(["in_progress", "in_progress", "closed_won", "closed_lost"] as const) : pick([null, null, "in_progress"] as const);
    const fields: Record<string, unknown> = { entry, qualification: pick([null, "target_group", "target_group", "not_target_group"]) };
    if (salesStatus) fields.sales_status = salesStatus;
    return {
      business: { kind: "company", name: `Sweep ${i} Kft.`, email: `c${i}@sweep.test`, phone: null, taxNumber: null, notes: "" },
      contacts: [],
      moduleId: auto.moduleId,
      statusId: null,
      responsibleUserId: null,
      fields,
      createdAt: new Date(now.getTime() - random() * 800 * DAY),
    };
  });
  const created = await createClients(testDb(), system, rows, now);
  const ids = created.map((c) => c.datasheetId);
  const db = testDb();
  // The facts: todos open and done, contacts, paid invoices, consent, engagement, unsubscribes.
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  const todoRows: string[] = [];
  const historyRows: string[] = [];
  const invoiceRows: string[] = [];
  const consent: string[] = [];
  const suppressed: string[] = [];
  const engaged: { id: string; at: string }[] = [];
  ids.forEach((id, i) => {
    for (let k = Math.floor(random() * 5); k > 0; k--) {
      const done = random() < 0.5;
      todoRows.push(`('${ws.workspace.id}', '${id}', 'todo', '${at(random() * 120 - 60)}', ${done ? `'${at(-random() * 90)}'` : "null"})`);
    }
    if (random() < 0.7) historyRows.push(`('${ws.workspace.id}', '${id}', 'call', 'called', '${at(-random() * 90)}', '${ws.users.normal.id}')`);
    if (rows[i]!.fields!.sales_status === "closed_won") {
      for (let k = Math.floor(random() * 5); k > 0; k--) invoiceRows.push(`('${ws.workspace.id}', '${id}', 'S-${i}-${k}', 100, '2026-01-01', '${at(-random() * 540)}')`);
    }
    if (random() < 0.3) consent.push(`c${i}@sweep.test`);
    if (random() < 0.05) suppressed.push(`c${i}@sweep.test`);
    if (random() < 0.3) engaged.push({ id, at: at(-random() * 500) });
  });
  const insert = async (table: string, columns: string, values: string[]) => {
    for (let i = 0; i < values.length; i += 500) await db.execute(`insert into ${table} (${columns}) values ${values.slice(i, i + 500).join(", ")}`);
  };
  await insert("todos", "workspace_id, datasheet_id, text, due_at, done_at", todoRows);
  await insert("history_entries", "workspace_id, datasheet_id, kind, body, occurred_at, author_user_id", historyRows);
  await insert("invoices", "workspace_id, datasheet_id, number, amount, issued_on, paid_at", invoiceRows);
  if (consent.length) await db.execute(`update businesses set newsletter_consent_at = created_at + interval '1 day' where lower(email) in (${consent.map((a) => `'${a}'`).join(", ")})`);
  await insert("email_suppressions", "workspace_id, address, reason, created_at", suppressed.map((a) => `('${ws.workspace.id}', '${a}', 'unsubscribed', '${at(-random() * 100)}')`));
  for (const e of engaged) {
    await db.execute(`with m as (insert into emails (workspace_id, datasheet_id, template, idempotency_key, to_address, from_address, subject, html, text)
      values ('${ws.workspace.id}', '${e.id}', 'marketing-message', 'sweep-${e.id}', 'x@sweep.test', 'crm@sweep.test', 's', 'h', 't') returning id)
      insert into email_events (workspace_id, email_id, type, at) select '${ws.workspace.id}', id, 'opened', '${e.at}' from m`);
  }
  // The facts arrived: the commit point derives every status at `now`.
  for (let i = 0; i < ids.length; i += 500) await db.transaction((tx) => commitDatasheets(tx, system, { ids: ids.slice(i, i + 500) }, now));
  const [scope] = await automaticModules(db, ws.workspace.id, auto.moduleId);
  return { ws, auto, ids, scope: scope!, system };
}

/** Every datasheet's status key now, and what the rule says it should be at `asOf`. */
async function expectations(ids: string[], timeZone: string, asOf: Date) {
  const db = testDb();
  const rows = await db.select({ d: datasheets, key: statuses.key }).from(datasheets).innerJoin(statuses, eq(statuses.id, datasheets.statusId)).where(inArray(datasheets.id, ids));
  const paid = await db.select({ id: invoices.datasheetId, paidAt: invoices.paidAt }).from(invoices).where(and(inArray(invoices.datasheetId, ids), isNotNull(invoices.paidAt)));
  return rows.map(({ d, key }) => {
    const facts: FactsRow = { ...d, ruleSettings: null, timeZone };
    const expected = deriveStatus(factsOf(facts, paid.filter((p) => p.id === d.id).map((p) => p.paidAt!)), asOf, defaultRuleSettings, timeZone);
    return { id: d.id, current: key as StatusKey, expected: expected.key, rule: expected.rule };
  });
}

describeEachBackend("the daily checks against the rule, row by row", () => {
  it("a dry run at any moment names exactly the datasheets the rule would move, each with the rule's reason; a run moves exactly them", async () => {
    const now = new Date();
    const { ids, scope, system } = await generated(now);
    const before = await expectations(ids, scope.timeZone, now);
    // At commit time every status is the rule's.
    expect(before.filter((r) => r.current !== r.expected)).toEqual([]);
    const variety = new Set(before.map((r) => r.current));
    expect(variety.size).toBeGreaterThanOrEqual(10);

    for (const days of [-200, -30, 0, 20, 45, 400]) {
      const asOf = new Date(now.getTime() + days * DAY);
      const expected = (await expectations(ids, scope.timeZone, asOf)).filter((r) => r.current !== r.expected);
      const preview = await previewModule(testDb(), scope, asOf);
      expect(
        preview.map((t) => ({ id: t.datasheetId, from: t.from, to: t.to, reason: t.reason })).sort((a, b) => (a.id < b.id ? -1 : 1)),
        `dry run ${days} days from now`,
      ).toEqual(expected.map((r) => ({ id: r.id, from: r.current, to: r.expected, reason: r.rule })).sort((a, b) => (a.id < b.id ? -1 : 1)));
      if (days >= 20) expect(expected.length, `${days} days on, time moves some`).toBeGreaterThan(0);
    }

    // The daily run 45 days on (through the indexes only) moves exactly what the rule says, once.
    const asOf = new Date(now.getTime() + 45 * DAY);
    const expected = (await expectations(ids, scope.timeZone, asOf)).filter((r) => r.current !== r.expected);
    const counts = await testDb().transaction((tx) => sweepModule(tx, system, scope, asOf));
    expect(counts.reduce((n, c) => n + c.moved, 0)).toBe(expected.length);
    const after = await expectations(ids, scope.timeZone, asOf);
    expect(after.filter((r) => r.current !== r.expected)).toEqual([]);
    const changes = await testDb()
      .select()
      .from(statusChanges)
      .where(and(inArray(statusChanges.datasheetId, ids), eq(statusChanges.actorSystem, "seed"), eq(statusChanges.at, asOf)));
    expect(changes).toHaveLength(expected.length);
  });

  it("two runs at once move each datasheet once", async () => {
    const now = new Date();
    const { ids, scope, ws } = await generated(now);
    const asOf = new Date(now.getTime() + 45 * DAY);
    const expected = (await expectations(ids, scope.timeZone, asOf)).filter((r) => r.current !== r.expected);
    const actor = systemActor(ws.workspace.id, "status_check");
    const other = testDb();
    const [a, b] = await Promise.all([
      testDb().transaction((tx) => sweepModule(tx, actor, scope, asOf)),
      other.transaction((tx) => sweepModule(tx, actor, scope, asOf)),
    ]);
    const moved = [...a, ...b].reduce((n, c) => n + c.moved, 0);
    expect(moved).toBe(expected.length);
    const changes = await testDb().select({ id: statusChanges.datasheetId }).from(statusChanges).where(and(inArray(statusChanges.datasheetId, ids), eq(statusChanges.actorSystem, "status_check")));
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length);
    expect(changes).toHaveLength(expected.length);
  });
});
