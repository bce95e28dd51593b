import "server-only";
import { and, desc, eq, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { automations, automationStepRuns, automationSteps, datasheets, statusChanges, workspaces, type AutomationStepRun } from "@/db/schema";
import { systemActor } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { addTodo } from "@/lib/todos/mutations";
import { sendStepEmails } from "./deliver";
import { dueInDays, stepDueTimes, stepProblem } from "./rules";
import { stepLikeOf } from "./steps";
import { importRunsAutomations } from "@/lib/import/automations";

/*
 * The automations' runtime (SPEC §4), called by the one job of inngest/functions/run-automations.ts:
 * `planStatusChange` records every step of every active automation the change fires, each under the
 * unique key (datasheet, automation, step, trigger) — a duplicate event or a retry plans nothing new —
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
    if (!fired.length) return [];
    const ids = fired.map((a) => a.id);
    const steps = await tx.select().from(automationSteps).where(inArray(automationSteps.automationId, ids)).orderBy(automationSteps.position);
    const rows = ids.flatMap((automationId) => {
      const own = steps.filter((s) => s.automationId === automationId);
      const due = stepDueTimes(change.at, own);
      return own.map((step, i) => ({
        workspaceId: change.workspaceId,
        automationId,
        stepId: step.id,
        stepKind: step.kind,
        stepPosition: step.position,
        datasheetId: change.datasheetId,
        triggerKey: change.id,
        triggeredAt: change.at,
        dueAt: due[i]!,
      }));
    });
    if (rows.length) await tx.insert(automationStepRuns).values(rows).onConflictDoNothing();
    const planned = await tx
      .select({ id: automationStepRuns.id, dueAt: automationStepRuns.dueAt })
      .from(automationStepRuns)
      .where(
        and(
          eq(automationStepRuns.datasheetId, change.datasheetId),
          eq(automationStepRuns.triggerKey, change.id),
          inArray(automationStepRuns.automationId, ids),
          eq(automationStepRuns.status, "pending"),
        ),
      )
      .orderBy(automationStepRuns.dueAt, automationStepRuns.stepPosition);
    return planned.map((p) => ({ id: p.id, dueAt: p.dueAt.toISOString() }));
  });
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
 * removed, the datasheet trashed, or — for a delayed step — the datasheet has left the status since.
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
    if (automation.trigger === "status_entered" && run.dueAt > run.triggeredAt) {
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
