import "server-only";
import { and, desc, eq, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  automations,
  automationStepRuns,
  automationSteps,
  automationViewMatches,
  datasheets,
  statusChanges,
  workspaces,
  type Automation,
  type AutomationStepRun,
} from "@/db/schema";
import { systemActor } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { addTodo } from "@/lib/todos/mutations";
import { sendStepEmails } from "./deliver";
import { dueInDays, isViewTriggerKey, stepDueTimes, stepProblem } from "./rules";
import { stepLikeOf } from "./steps";
import { importRunsAutomations } from "@/lib/import/automations";
import { viewMatchCondition } from "./view-checks";

/*
 * The automations' runtime (SPEC §4), called by the one job of inngest/functions/run-automations.ts:
 * `planStatusChange` (a status entered) and `planViewMatch` (a view's daily check matched the
 * datasheet) record every step of every automation fired, each under the unique key (datasheet,
 * automation, step, trigger) — a duplicate event or a retry plans nothing new —
 * and `executeStepRun` does one planned step in one transaction with its run row locked, so its
 * emails or todo and its `done` are committed together, or neither: never twice.
 */

export interface StatusChangeRef {
  workspaceId: string;
  datasheetId: string;
  statusChangeId: string;
}

export interface PlannedStep {
  id: string;
  /** ISO time: when the step is due (JSON-safe for the job's stored step result). */
  dueAt: string;
}

/**
 * Records a run row per step of each automation for one datasheet and trigger — the unique key
 * (datasheet, automation, step, trigger) makes a repeat record nothing — and answers the trigger's
 * pending runs, soonest first. Delays count from `triggeredAt`.
 */
async function planSteps(
  tx: Tx,
  { workspaceId, datasheetId, automationIds, triggerKey, triggeredAt }: { workspaceId: string; datasheetId: string; automationIds: string[]; triggerKey: string; triggeredAt: Date },
): Promise<PlannedStep[]> {
  if (!automationIds.length) return [];
  const steps = await tx.select().from(automationSteps).where(inArray(automationSteps.automationId, automationIds)).orderBy(automationSteps.position);
  const rows = automationIds.flatMap((automationId) => {
    const own = steps.filter((s) => s.automationId === automationId);
    const due = stepDueTimes(triggeredAt, own);
    return own.map((step, i) => ({
      workspaceId,
      automationId,
      stepId: step.id,
      stepKind: step.kind,
      stepPosition: step.position,
      datasheetId,
      triggerKey,
      triggeredAt,
      dueAt: due[i]!,
    }));
  });
  if (rows.length) await tx.insert(automationStepRuns).values(rows).onConflictDoNothing();
  const planned = await tx
    .select({ id: automationStepRuns.id, dueAt: automationStepRuns.dueAt })
    .from(automationStepRuns)
    .where(
      and(
        eq(automationStepRuns.datasheetId, datasheetId),
        eq(automationStepRuns.triggerKey, triggerKey),
        inArray(automationStepRuns.automationId, automationIds),
        eq(automationStepRuns.status, "pending"),
      ),
    )
    .orderBy(automationStepRuns.dueAt, automationStepRuns.stepPosition);
  return planned.map((p) => ({ id: p.id, dueAt: p.dueAt.toISOString() }));
}

/** Plans the steps of the automations entering this status fires: active ones, activated before the change. */
export async function planStatusChange(db: Db, ref: StatusChangeRef): Promise<PlannedStep[]> {
  return db.transaction(async (tx) => {
    const [change] = await tx
      .select()
      .from(statusChanges)
      .where(and(eq(statusChanges.id, ref.statusChangeId), eq(statusChanges.workspaceId, ref.workspaceId), eq(statusChanges.datasheetId, ref.datasheetId)));
    if (!change) return [];
    // An import's clients fire these only when the importing user asked for it (SPEC §6).
    if (change.actorSystem === "import" && !(await importRunsAutomations(tx, change.workspaceId, change.datasheetId))) return [];
    const fired = await tx
      .select({ id: automations.id })
      .from(automations)
      .where(
        and(
          eq(automations.workspaceId, change.workspaceId),
          eq(automations.moduleId, change.moduleId),
          eq(automations.trigger, "status_entered"),
          eq(automations.statusId, change.toStatusId),
          isNull(automations.deletedAt),
          isNotNull(automations.activatedAt),
          // One activated later does not fire on changes from before.
          lte(automations.activatedAt, change.at),
        ),
      );
    return planSteps(tx, {
      workspaceId: change.workspaceId,
      datasheetId: change.datasheetId,
      automationIds: fired.map((a) => a.id),
      triggerKey: change.id,
      triggeredAt: change.at,
    });
  });
}

export interface ViewMatchRef {
  workspaceId: string;
  automationId: string;
  datasheetId: string;
  /** `view:<local day>` of the check that matched it. */
  triggerKey: string;
  /** ISO time: when the check ran; the steps' delays count from it. */
  matchedAt: string;
}

/**
 * Plans the steps of a view-matching automation for a datasheet its check matched (recorded in
 * `automation_view_matches` by lib/automations/view-checks.ts): only while the automation is still
 * on, not trashed, still a view trigger, and was switched on before the check.
 */
export async function planViewMatch(db: Db, ref: ViewMatchRef): Promise<PlannedStep[]> {
  return db.transaction(async (tx) => {
    const matchedAt = new Date(ref.matchedAt);
    const [match] = await tx
      .select({ id: automationViewMatches.datasheetId })
      .from(automationViewMatches)
      .where(
        and(
          eq(automationViewMatches.automationId, ref.automationId),
          eq(automationViewMatches.datasheetId, ref.datasheetId),
          eq(automationViewMatches.workspaceId, ref.workspaceId),
        ),
      );
    if (!match) return [];
    const [automation] = await tx
      .select({ id: automations.id })
      .from(automations)
      .where(
        and(
          eq(automations.id, ref.automationId),
          eq(automations.workspaceId, ref.workspaceId),
          eq(automations.trigger, "view_matched"),
          isNull(automations.deletedAt),
          isNotNull(automations.activatedAt),
          lte(automations.activatedAt, matchedAt),
        ),
      );
    if (!automation) return [];
    return planSteps(tx, {
      workspaceId: ref.workspaceId,
      datasheetId: ref.datasheetId,
      automationIds: [automation.id],
      triggerKey: ref.triggerKey,
      triggeredAt: matchedAt,
    });
  });
}

/** Whether the datasheet is among those the automation's view matches now (as the system sees them). */
async function stillMatchesView(tx: Tx, automation: Automation, datasheetId: string): Promise<boolean> {
  const condition = await viewMatchCondition(tx, automation);
  const [row] = await tx
    .select({ id: datasheets.id })
    .from(datasheets)
    .where(and(eq(datasheets.id, datasheetId), condition));
  return Boolean(row);
}

export type StepOutcome = { status: AutomationStepRun["status"] | "missing"; reason: string | null };

async function finish(
  tx: Tx,
  run: AutomationStepRun,
  status: "done" | "skipped" | "failed",
  reason: string | null,
  result: Record<string, unknown> | null = null,
): Promise<StepOutcome> {
  await tx.update(automationStepRuns).set({ status, reason, result, finishedAt: new Date() }).where(eq(automationStepRuns.id, run.id));
  return { status, reason };
}

/**
 * Does one planned step, unless it is no longer pending (done by a duplicate or a retry), its
 * automation was switched off, trashed or switched on again after the trigger, the step was
 * removed, the datasheet trashed, or — for a delayed step — the datasheet has left the status since
 * (a status trigger) or no longer matches the view (a view trigger).
 * A domain failure (a template in the trash, nobody to send to) is recorded as the step's result.
 */
export async function executeStepRun(db: Db, runId: string, now = new Date()): Promise<StepOutcome> {
  return db.transaction(async (tx) => {
    const [run] = await tx.select().from(automationStepRuns).where(eq(automationStepRuns.id, runId)).for("update");
    if (!run) return { status: "missing", reason: null };
    if (run.status !== "pending") return { status: run.status, reason: run.reason };

    const [automation] = await tx.select().from(automations).where(eq(automations.id, run.automationId));
    if (!automation || automation.deletedAt || !automation.activatedAt || automation.activatedAt > run.triggeredAt) {
      return finish(tx, run, "skipped", automation?.deletedAt ? "automationTrashed" : "automationOff");
    }
    const [step] = await tx
      .select()
      .from(automationSteps)
      .where(and(eq(automationSteps.id, run.stepId), eq(automationSteps.automationId, automation.id)));
    if (!step) return finish(tx, run, "skipped", "stepRemoved");
    const [datasheet] = await tx
      .select()
      .from(datasheets)
      .where(and(eq(datasheets.id, run.datasheetId), eq(datasheets.workspaceId, run.workspaceId), isNull(datasheets.deletedAt)));
    if (!datasheet) return finish(tx, run, "skipped", "datasheetGone");
    if (run.dueAt > run.triggeredAt && isViewTriggerKey(run.triggerKey)) {
      // A delayed step of a view match: the datasheet still matches the automation's view.
      if (!(await stillMatchesView(tx, automation, datasheet.id))) return finish(tx, run, "skipped", "viewUnmatched");
    } else if (run.dueAt > run.triggeredAt) {
      // Still in the status it entered by this trigger: not moved on, nor left and come back.
      const [latest] = await tx
        .select({ id: statusChanges.id })
        .from(statusChanges)
        .where(eq(statusChanges.datasheetId, datasheet.id))
        .orderBy(desc(statusChanges.at), desc(statusChanges.id))
        .limit(1);
      if (latest?.id !== run.triggerKey) return finish(tx, run, "skipped", "statusChanged");
    }
    const settings = stepLikeOf(step);
    if (stepProblem(settings)) return finish(tx, run, "failed", "stepIncomplete");

    const actor = systemActor(run.workspaceId, "automation");
    try {
      // A savepoint: a refused step rolls back what it began, and its failure is still recorded.
      const result = await tx.transaction(async (inner): Promise<Record<string, unknown>> => {
        if (step.kind === "todo_user") {
          const [workspace] = await inner.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, run.workspaceId));
          const todo = await addTodo(
            inner,
            actor,
            {
              datasheetId: datasheet.id,
              text: step.settings.text!.trim(),
              dueAt: dueInDays(now, step.settings.dueDays ?? 0, workspace!.timeZone),
              assigneeUserId: step.settings.recipient === "user" ? (step.settings.userId ?? null) : null,
            },
            now,
          );
          return { todoId: todo.id };
        }
        const { sent, suppressed } = await sendStepEmails(inner, actor, { run, step, datasheet, automationId: automation.id });
        return { emailIds: sent, suppressed };
      });
      return finish(tx, run, "done", null, result);
    } catch (error) {
      if (error instanceof DomainError) return finish(tx, run, "failed", error.code, { ...error.params });
      throw error;
    }
  });
}
