import "server-only";
import { and, eq, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Conn, Db } from "@/db/client";
import { automations, automationViewMatches, datasheets, modules, workspaces, type Automation } from "@/db/schema";
import { automationViewMatched } from "@/inngest/events";
import { systemActor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { emitAll, notifyOutbox } from "@/lib/jobs/outbox";
import { savedViewCondition } from "@/lib/views/match";
import { checkDay, dueViewCheck, viewTriggerKey } from "./rules";

/*
 * The daily checks of the automations matching a view (SPEC §4), run by the `automations/view-checks`
 * cron every five minutes: each active automation's check is due at its time of day in the
 * workspace's zone (lib/automations/rules.ts, `dueViewCheck`). A check claims itself on the
 * automation (`last_check_at`), reads the view through the list's one filter as the system acting for
 * the workspace (trashed datasheets never), records the datasheets it handles in
 * `automation_view_matches` — once per automation, or again after `repeat_days` local days — and
 * emits `automation/view.matched` for each, all in one transaction: `automations/run` then plans and
 * runs the steps as for a status entered. Two processes, a retry or a re-run of the same check find
 * the check or the rows taken and start nothing twice.
 */

/** The datasheets an automation's view matches now, as the system acting for its workspace sees them. */
export async function viewMatchCondition(conn: Conn, automation: Pick<Automation, "workspaceId" | "moduleId" | "viewId">): Promise<SQL> {
  if (!automation.viewId) return sql`false`;
  try {
    return await savedViewCondition(conn, systemActor(automation.workspaceId, "automation"), { moduleId: automation.moduleId, viewId: automation.viewId });
  } catch (error) {
    // An archived module's automations match nothing.
    if (error instanceof NotFoundError) return sql`false`;
    throw error;
  }
}

/**
 * One automation's check at `checkAt` (its local day in `timeZone`), run at `now`: how many
 * datasheets it started the steps for, or null when the check was not this caller's to run (taken,
 * switched off or trashed meanwhile, or switched on after it).
 */
export async function runViewCheck(db: Db, automationId: string, checkAt: Date, timeZone: string, now = new Date()): Promise<number | null> {
  const matched = await db.transaction(async (tx) => {
    const [automation] = await tx
      .update(automations)
      .set({ lastCheckAt: checkAt })
      .where(
        and(
          eq(automations.id, automationId),
          eq(automations.trigger, "view_matched"),
          isNull(automations.deletedAt),
          isNotNull(automations.activatedAt),
          lte(automations.activatedAt, checkAt),
          or(isNull(automations.lastCheckAt), lt(automations.lastCheckAt, checkAt)),
        ),
      )
      .returning();
    if (!automation) return null;
    const condition = await viewMatchCondition(tx, automation);
    const day = checkDay(checkAt, timeZone);
    const triggerKey = viewTriggerKey(day);
    const repeatDays = automation.repeatDays;
    // New matches are inserted; a datasheet handled before is taken again only when the automation
    // repeats and its last day is at least repeatDays before this one (else the row is left as it is
    // and not returned).
    const result = await tx.execute(sql`
      insert into ${automationViewMatches} (workspace_id, automation_id, datasheet_id, trigger_key, matched_on, matched_at, first_matched_at)
      select ${automation.workspaceId}, ${automation.id}, ${datasheets.id}, ${triggerKey}, ${day}::date, ${now}, ${now}
      from ${datasheets}
      where ${condition}
      on conflict (automation_id, datasheet_id) do update
        set trigger_key = excluded.trigger_key, matched_on = excluded.matched_on, matched_at = excluded.matched_at,
            times = ${automationViewMatches.times} + 1
        where ${repeatDays}::integer is not null
          and ${automationViewMatches.matchedOn} <= excluded.matched_on - ${repeatDays}::integer
      returning datasheet_id`);
    const rows = (result as unknown as { rows: { datasheet_id: string }[] }).rows;
    await emitAll(
      tx,
      rows.map((row) =>
        automationViewMatched.create({
          workspaceId: automation.workspaceId,
          automationId: automation.id,
          datasheetId: row.datasheet_id,
          triggerKey,
          matchedAt: now.toISOString(),
        }),
      ),
    );
    return rows.length;
  });
  if (matched) notifyOutbox();
  return matched;
}

/**
 * The cron's work: every active view-matching automation whose daily check is due at `now` (in its
 * workspace's zone; one missed while the app was down runs once, late) is checked.
 */
export async function runDueViewChecks(db: Db, now = new Date()): Promise<{ checks: number; matched: number }> {
  const candidates = await db
    .select({
      id: automations.id,
      scheduleMinute: automations.scheduleMinute,
      activatedAt: automations.activatedAt,
      lastCheckAt: automations.lastCheckAt,
      timeZone: workspaces.timeZone,
    })
    .from(automations)
    .innerJoin(workspaces, eq(workspaces.id, automations.workspaceId))
    .innerJoin(modules, eq(modules.id, automations.moduleId))
    .where(and(eq(automations.trigger, "view_matched"), isNotNull(automations.activatedAt), isNull(automations.deletedAt), isNull(modules.archivedAt)));
  let checks = 0;
  let matched = 0;
  for (const candidate of candidates) {
    const checkAt = dueViewCheck(candidate, candidate.timeZone, now);
    if (!checkAt) continue;
    const found = await runViewCheck(db, candidate.id, checkAt, candidate.timeZone, now);
    if (found === null) continue;
    checks++;
    matched += found;
  }
  return { checks, matched };
}
