import "server-only";
import { and, inArray, isNotNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { invoices, statuses } from "@/db/schema";
import type { StatusMove } from "@/lib/datasheets/status-changes";
import { deriveStatus, type Entry, type Qualification, type SalesStatus, type StatusFacts } from "./derive";
import { ruleSettingsOf } from "./settings";

/** A datasheet of an automatic module as the commit point's update left it: its facts. */
export interface FactsRow {
  id: string;
  moduleId: string;
  statusId: string;
  ruleSettings: Record<string, unknown> | null;
  timeZone: string;
  salesStatus: string | null;
  qualification: string | null;
  entry: string | null;
  createdAt: Date;
  lastContactAt: Date | null;
  openTodoCount: number;
  doneTodoCount: number;
  latestOpenTodoDueAt: Date | null;
  subscribedAt: Date | null;
  lastEngagedAt: Date | null;
  unreachableAt: Date | null;
}

/** The facts of the rule, from the row and its paid invoices. */
export function factsOf(row: FactsRow, paidInvoiceTimes: readonly Date[]): StatusFacts {
  return {
    salesStatus: row.salesStatus as SalesStatus | null,
    qualification: row.qualification as Qualification | null,
    entry: (row.entry ?? "inquiry") as Entry,
    createdAt: row.createdAt,
    lastContactAt: row.lastContactAt,
    openTodos: row.openTodoCount,
    doneTodos: row.doneTodoCount,
    latestOpenTodoDueAt: row.latestOpenTodoDueAt,
    paidInvoiceTimes,
    unreachableAt: row.unreachableAt,
    subscribedAt: row.subscribedAt,
    lastEngagedAt: row.lastEngagedAt,
  };
}

/**
 * SPEC §3.1 "evaluated inside the same database transaction as every change of a fact": the status
 * each datasheet of an automatic module should have now, as moves for those not in it yet. A
 * datasheet created in this change (`created`) gets its first status from the rule. Two statements
 * for the whole batch (paid invoices, the modules' keyed statuses).
 */
export async function statusMovesAtCommit(tx: Tx, rows: readonly FactsRow[], created: ReadonlySet<string>, now: Date): Promise<StatusMove[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const paid = await tx
    .select({ datasheetId: invoices.datasheetId, paidAt: invoices.paidAt })
    .from(invoices)
    .where(and(inArray(invoices.datasheetId, ids), isNotNull(invoices.paidAt)));
  const paidOf = new Map<string, Date[]>();
  for (const p of paid) paidOf.set(p.datasheetId, [...(paidOf.get(p.datasheetId) ?? []), p.paidAt!]);
  const keyed = await tx
    .select({ id: statuses.id, key: statuses.key, moduleId: statuses.moduleId })
    .from(statuses)
    .where(inArray(statuses.moduleId, [...new Set(rows.map((r) => r.moduleId))]));
  const byKey = new Map(keyed.map((s) => [`${s.moduleId}:${s.key}`, s]));
  const byId = new Map(keyed.map((s) => [s.id, s]));

  const moves: StatusMove[] = [];
  for (const row of rows) {
    const derived = deriveStatus(factsOf(row, paidOf.get(row.id) ?? []), now, ruleSettingsOf(row.ruleSettings), row.timeZone);
    const to = byKey.get(`${row.moduleId}:${derived.key}`);
    if (!to) throw new Error(`Module ${row.moduleId} has no status keyed ${derived.key}.`);
    const isNew = created.has(row.id);
    if (!isNew && to.id === row.statusId) continue;
    const current = byId.get(row.statusId);
    moves.push({
      datasheetId: row.id,
      moduleId: row.moduleId,
      from: isNew || !current ? null : { id: current.id, key: current.key },
      to: { id: to.id, key: to.key },
      reason: derived.rule,
      facts: derived.facts,
    });
  }
  return moves;
}
