import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { datasheets, outboxEvents, statusChanges } from "@/db/schema";
import { datasheetStatusChanged } from "@/inngest/events";
import type { Actor } from "@/lib/auth/permissions";
import { jsonRows, rowsOf } from "@/lib/db/sql";
import type { OutgoingEvent } from "@/lib/jobs/outbox";

/** A status as a change names it: its id and its stable key (the name may be renamed later). */
export interface StatusRef {
  id: string;
  key: string;
}

/** One datasheet's move from one status to another (`from` null: a new datasheet starts in `to`). */
export interface StatusMove {
  datasheetId: string;
  moduleId: string;
  from: StatusRef | null;
  to: StatusRef;
  /** "created", "manual", "status_removed", or the rule of SPEC §3.1 that fired. */
  reason: string;
  /** What the rule saw, for "why is this here". */
  facts?: Record<string, unknown>;
  /** When it happened, if not now (a backdated demo client's creation). */
  at?: Date;
}

/**
 * The one writer of status changes (SPEC §3.1 "every status change is stored"): moves the
 * datasheets, records each move in `status_changes` with who did it — a user, or the system and
 * why — and returns the `datasheet/status.changed` events for the commit point to record. Two
 * statements for any number of moves. Called by the commit point only (lib/datasheets/commit.ts).
 */
export async function recordStatusChanges(
  tx: Tx,
  actor: Actor,
  moves: readonly StatusMove[],
  at: Date,
  /** Datasheets the commit point inserted where their move puts them: recorded, not moved. */
  placed: ReadonlySet<string> = new Set(),
): Promise<OutgoingEvent[]> {
  if (!moves.length) return [];
  if (new Set(moves.map((m) => m.datasheetId)).size !== moves.length) throw new Error("A datasheet moves once per change.");
  const moving = moves.filter((m) => !placed.has(m.datasheetId));
  if (moving.length) {
    await tx.execute(sql`
      update ${datasheets} d set status_id = m.to_id, status_reason = m.reason, status_changed_at = coalesce(m.at, ${at})
      from jsonb_to_recordset(${jsonRows(moving.map((m) => ({ id: m.datasheetId, to_id: m.to.id, reason: m.reason, at: m.at?.toISOString() ?? null })))})
        as m(id uuid, to_id uuid, reason text, at timestamptz)
      where d.id = m.id and d.workspace_id = ${actor.workspaceId} and (d.status_id <> m.to_id or d.status_reason is distinct from m.reason)`);
  }
  const rows = moves.map((m) => ({
    datasheet_id: m.datasheetId,
    module_id: m.moduleId,
    from_id: m.from?.id ?? null,
    from_key: m.from?.key ?? null,
    to_id: m.to.id,
    to_key: m.to.key,
    reason: m.reason,
    facts: m.facts ?? {},
    at: m.at?.toISOString() ?? null,
  }));
  const actorSystem = actor.kind === "system" ? actor.reason : null;
  const recorded = await rowsOf<{ id: string; datasheet_id: string }>(
    tx,
    sql`
      insert into ${statusChanges} (workspace_id, datasheet_id, module_id, from_status_id, to_status_id, from_key, to_key, reason, facts, actor_user_id, actor_system, at)
      select ${actor.workspaceId}, m.datasheet_id, m.module_id, m.from_id, m.to_id, m.from_key, m.to_key, m.reason, m.facts,
        ${actor.userId}::uuid, ${actorSystem}::text, coalesce(m.at, ${at})
      from jsonb_to_recordset(${jsonRows(rows)}) as m(datasheet_id uuid, module_id uuid, from_id uuid, from_key text, to_id uuid, to_key text, reason text, facts jsonb, at timestamptz)
      returning id, datasheet_id`,
  );
  const changeIdOf = new Map(recorded.map((r) => [r.datasheet_id, r.id]));
  return moves.map((m) =>
    datasheetStatusChanged.create({
      workspaceId: actor.workspaceId,
      moduleId: m.moduleId,
      datasheetId: m.datasheetId,
      actorUserId: actor.userId,
      fromStatusId: m.from?.id ?? null,
      toStatusId: m.to.id,
      fromKey: m.from?.key ?? null,
      toKey: m.to.key,
      reason: m.reason,
      statusChangeId: changeIdOf.get(m.datasheetId)!,
    }),
  );
}

/** How many datasheets a set-based run moved by one rule (and, when asked for, which). */
export interface SweepCount {
  reason: string;
  moved: number;
  moves?: SweptMove[];
}

export interface SweptMove {
  datasheetId: string;
  /** Status keys. */
  from: string;
  to: string;
}

/**
 * The same record for moves chosen by a query (the daily status checks: any number of datasheets,
 * nothing read into the process): one statement moves them — each only if still in the status it
 * moves from — bumps their versions as the commit point would, records the change rows and emits
 * their events. `moves` selects datasheet_id, module_id, from_id, from_key, to_id, to_key, reason,
 * facts. With `list`, each rule's count comes with its moves (the API answers with them); the daily
 * run reads none into the process.
 */
export async function recordStatusMovesFrom(tx: Tx, actor: Actor, moves: SQL, at: Date, options: { list?: boolean } = {}): Promise<SweepCount[]> {
  const actorSystem = actor.kind === "system" ? actor.reason : null;
  const list = options.list
    ? sql`, jsonb_agg(jsonb_build_object('datasheetId', datasheet_id, 'from', from_key, 'to', to_key) order by datasheet_id) as moves`
    : sql``;
  return rowsOf<SweepCount>(
    tx,
    sql`
      with moves as materialized (${moves}),
      moved as (
        update ${datasheets} d set status_id = m.to_id, status_reason = m.reason, status_changed_at = ${at},
          version = d.version + 1, updated_by_user_id = ${actor.userId}::uuid, updated_at = now()
        from moves m
        -- The ids as an array too: the datasheets are found through their primary key, never by a
        -- scan of the table, whatever the planner guesses of the moves' count.
        where d.id = any(array(select datasheet_id from moves)) and d.id = m.datasheet_id and d.status_id = m.from_id and d.workspace_id = ${actor.workspaceId}
        returning d.id
      ),
      recorded as (
        insert into ${statusChanges} (workspace_id, datasheet_id, module_id, from_status_id, to_status_id, from_key, to_key, reason, facts, actor_user_id, actor_system, at)
        select ${actor.workspaceId}, m.datasheet_id, m.module_id, m.from_id, m.to_id, m.from_key, m.to_key, m.reason, m.facts,
          ${actor.userId}::uuid, ${actorSystem}::text, ${at}
        from moved join moves m on m.datasheet_id = moved.id
        returning id, datasheet_id, module_id, from_status_id, to_status_id, from_key, to_key, reason
      ),
      emitted as (
        insert into ${outboxEvents} (workspace_id, name, data)
        select ${actor.workspaceId}, ${datasheetStatusChanged.name}, jsonb_build_object(
          'workspaceId', ${actor.workspaceId}::text, 'moduleId', r.module_id, 'datasheetId', r.datasheet_id, 'actorUserId', ${actor.userId}::text,
          'fromStatusId', r.from_status_id, 'toStatusId', r.to_status_id, 'fromKey', r.from_key, 'toKey', r.to_key, 'reason', r.reason,
          'statusChangeId', r.id)
        from recorded r
      )
      select reason, count(*)::int as moved${list} from recorded group by reason order by reason`,
  );
}
