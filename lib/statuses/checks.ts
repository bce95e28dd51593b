import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Conn, Db } from "@/db/client";
import { isEmbedded } from "@/db/config";
import { modules, statusCheckRuns, workspaces } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan, systemActor, type Actor, type UserActor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { notifyOutbox } from "@/lib/jobs/outbox";
import { localDateOf, localDateText } from "@/lib/time/zoned";
import type { RuleSettings } from "./derive";
import { ruleSettingsSchema } from "./settings";
import { automaticModules, previewModule, sweepModule, type Transition } from "./sweep";

/** The local hour from which the daily checks run in a workspace (its morning, before work starts). */
export const DAILY_CHECK_HOUR = 6;

/** PGlite has no autovacuum: after a sweep this big, fresh statistics keep the list's plans right. */
const VACUUM_AFTER_MOVES = 10_000;

const dayOf = (instant: Date, timeZone: string) => localDateText(localDateOf(instant, timeZone));

function hourOf(instant: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "numeric", hourCycle: "h23" }).format(instant));
}

export interface ChecksInput {
  /** One module; absent: every automatic module of the workspace. */
  moduleId?: string;
  /** The moment to check at; absent: now. */
  asOf?: Date;
  /** Only say what would move. */
  dryRun?: boolean;
  /** A run answers which datasheets it moved too (the API), not only how many. */
  list?: boolean;
}

/** A move a run made: status keys and the rule that fired. */
export interface MovedTransition {
  moduleId: string;
  datasheetId: string;
  from: string;
  to: string;
  reason: string;
}

export type ChecksResult =
  | { dryRun: true; transitions: (Transition & { moduleId: string })[] }
  | { dryRun: false; moved: number; transitions?: MovedTransition[] };

async function vacuumIfBig(db: Conn, moved: number): Promise<void> {
  if (moved >= VACUUM_AFTER_MOVES && isEmbedded() && !("rollback" in db)) await db.execute(sql`vacuum analyze datasheets`);
}

/**
 * Settings → Modules → Status checks (admins), the API's `POST /status-checks`, and the daily job:
 * the time rules at `asOf`. A dry run lists every transition with its reason and changes nothing;
 * a run moves them, as the system, and records the day's run.
 */
export async function runStatusChecks(db: Db, actor: Actor, input: ChecksInput = {}, now = new Date()): Promise<ChecksResult> {
  assertCan(actor, "settings.manage");
  if (input.moduleId) assertId(input.moduleId);
  const scopes = await automaticModules(db, actor.workspaceId, input.moduleId);
  if (input.moduleId && !scopes.length) throw new NotFoundError();
  const asOf = input.asOf ?? now;
  if (input.dryRun) {
    const transitions = [];
    for (const scope of scopes) transitions.push(...(await previewModule(db, scope, asOf)).map((t) => ({ ...t, moduleId: scope.moduleId })));
    return { dryRun: true, transitions };
  }
  const system = systemActor(actor.workspaceId, "status_check");
  let moved = 0;
  const transitions: MovedTransition[] = [];
  for (const scope of scopes) {
    // At now the passing time can only move what the sweep indexes find; another moment, everything.
    const everything = asOf.getTime() !== now.getTime();
    const counts = await db.transaction(async (tx) => {
      const result = await sweepModule(tx, system, scope, asOf, { everything, list: input.list });
      for (const count of result) transitions.push(...(count.moves ?? []).map((m) => ({ moduleId: scope.moduleId, ...m, reason: count.reason })));
      const total = result.reduce((n, c) => n + c.moved, 0);
      await tx
        .insert(statusCheckRuns)
        .values({ moduleId: scope.moduleId, day: dayOf(now, scope.timeZone), ranByUserId: actor.userId, moved: total, finishedAt: now })
        .onConflictDoUpdate({
          target: [statusCheckRuns.moduleId, statusCheckRuns.day],
          set: { moved: sql`${statusCheckRuns.moved} + ${total}`, finishedAt: now, ranByUserId: actor.userId },
        });
      return total;
    });
    moved += counts;
  }
  notifyOutbox();
  await vacuumIfBig(db, moved);
  return input.list ? { dryRun: false, moved, transitions } : { dryRun: false, moved };
}

/**
 * The daily job (every hour; each workspace's modules run once a local day, from DAILY_CHECK_HOUR
 * on, so a day missed while the app was down runs at the next tick). The day's row is claimed in
 * the sweep's transaction: two processes never run one module's day twice.
 */
export async function runDueStatusChecks(db: Db, now = new Date()): Promise<{ modules: number; moved: number }> {
  const candidates = await db
    .select({ moduleId: modules.id, workspaceId: modules.workspaceId, timeZone: workspaces.timeZone })
    .from(modules)
    .innerJoin(workspaces, eq(workspaces.id, modules.workspaceId))
    .where(and(eq(modules.kind, "sales_auto"), isNull(modules.archivedAt)));
  let ran = 0;
  let moved = 0;
  for (const candidate of candidates) {
    if (hourOf(now, candidate.timeZone) < DAILY_CHECK_HOUR) continue;
    const [scope] = await automaticModules(db, candidate.workspaceId, candidate.moduleId);
    if (!scope) continue;
    const total = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(statusCheckRuns)
        .values({ moduleId: candidate.moduleId, day: dayOf(now, candidate.timeZone), finishedAt: now })
        .onConflictDoNothing()
        .returning({ moduleId: statusCheckRuns.moduleId });
      if (!claimed) return null;
      const counts = await sweepModule(tx, systemActor(candidate.workspaceId, "status_check"), scope, now);
      const sum = counts.reduce((n, c) => n + c.moved, 0);
      await tx
        .update(statusCheckRuns)
        .set({ moved: sum })
        .where(and(eq(statusCheckRuns.moduleId, candidate.moduleId), eq(statusCheckRuns.day, dayOf(now, candidate.timeZone))));
      return sum;
    });
    if (total === null) continue;
    ran++;
    moved += total;
  }
  if (ran) notifyOutbox();
  await vacuumIfBig(db, moved);
  return { modules: ran, moved };
}

export interface StatusChecksOverview {
  settings: RuleSettings;
  timeZone: string;
  lastRun: { day: string; moved: number; finishedAt: Date; ranByUserId: string | null } | null;
}

async function scopeOf(db: Conn, actor: Actor, moduleId: string) {
  assertCan(actor, "settings.manage");
  assertId(moduleId);
  const [scope] = await automaticModules(db, actor.workspaceId, moduleId);
  if (!scope) throw new NotFoundError();
  return scope;
}

/** Settings → Modules → the module → Status checks: its rule settings and the last run. */
export async function getStatusChecksOverview(db: Db, actor: Actor, moduleId: string): Promise<StatusChecksOverview> {
  const scope = await scopeOf(db, actor, moduleId);
  const [last] = await db.select().from(statusCheckRuns).where(eq(statusCheckRuns.moduleId, moduleId)).orderBy(desc(statusCheckRuns.day)).limit(1);
  return {
    settings: scope.settings,
    timeZone: scope.timeZone,
    lastRun: last ? { day: last.day, moved: last.moved, finishedAt: last.finishedAt, ranByUserId: last.ranByUserId } : null,
  };
}

/** "Changing a module setting shows first how many datasheets would move": the rule with the new settings, now, changing nothing. */
export async function previewRuleSettings(db: Db, actor: Actor, moduleId: string, settings: RuleSettings, now = new Date()): Promise<Transition[]> {
  const scope = await scopeOf(db, actor, moduleId);
  return previewModule(db, { ...scope, settings }, now, { everything: true });
}

/** Saves the settings (audited) and re-evaluates every datasheet of the module with them, as the system. */
export async function saveRuleSettings(db: Db, actor: UserActor, moduleId: string, settings: RuleSettings, now = new Date()): Promise<{ moved: number }> {
  const scope = await scopeOf(db, actor, moduleId);
  const parsed = ruleSettingsSchema.parse(settings);
  const moved = await db.transaction(async (tx) => {
    await tx
      .update(modules)
      .set({ ruleSettings: { ...parsed }, updatedAt: now })
      .where(eq(modules.id, moduleId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "module.rule_settings_changed",
      subjectId: moduleId,
      details: { from: { ...scope.settings }, to: { ...parsed } },
    });
    const counts = await sweepModule(tx, systemActor(actor.workspaceId, "status_check"), { ...scope, settings: parsed }, now, { everything: true });
    return counts.reduce((n, c) => n + c.moved, 0);
  });
  notifyOutbox();
  await vacuumIfBig(db, moved);
  return { moved };
}
