import { DomainError } from "@/lib/errors";
import { addLocalDays, localDateOf, localDateText, startOfLocalDate } from "@/lib/time/zoned";
import type { StepKind } from "./schemas";

/*
 * The automation rules, pure: when an automation may be switched on, when each of its steps is due,
 * and when a view trigger's daily check strikes in the workspace's time zone (SPEC §4).
 */

export interface StepLike {
  kind: StepKind;
  delayMinutes: number;
  templateId?: string | null;
  recipient?: string | null;
  userId?: string | null;
  role?: string | null;
  text?: string | null;
}

export type StepProblem = "template" | "user" | "role" | "text";

/** What a step still lacks before it can run, or null when it is complete. */
export function stepProblem(step: StepLike): StepProblem | null {
  if (step.kind !== "todo_user" && !step.templateId) return "template";
  if (step.kind === "todo_user" && !step.text?.trim()) return "text";
  if (step.kind !== "email_client" && step.recipient === "user" && !step.userId) return "user";
  if (step.kind === "email_user" && step.recipient === "role" && !step.role) return "role";
  return null;
}

export interface TriggerLike {
  trigger: "status_entered" | "view_matched";
  statusId: string | null;
  viewId: string | null;
}

/**
 * Refuses to switch on an automation that could not run: no trigger, no steps, or a step that is
 * incomplete — the message names the step (its position, 1-based, and its kind) and what it lacks.
 */
export function assertActivatable(automation: TriggerLike, steps: readonly StepLike[]): void {
  if (automation.trigger === "status_entered" ? !automation.statusId : !automation.viewId) throw new DomainError("automationNoTrigger");
  if (steps.length === 0) throw new DomainError("automationEmpty");
  steps.forEach((step, index) => {
    const problem = stepProblem(step);
    if (problem) throw new DomainError("automationStepIncomplete", { position: index + 1, kind: step.kind, problem });
  });
}

const MINUTE = 60_000;

/**
 * When each step is due: a step's delay is waited after the step before it (the first: after the
 * trigger), so the times add up in order.
 */
export function stepDueTimes(triggeredAt: Date, steps: readonly Pick<StepLike, "delayMinutes">[]): Date[] {
  let at = triggeredAt.getTime();
  return steps.map((step) => new Date((at += step.delayMinutes * MINUTE)));
}

function offsetAt(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  for (const p of format.formatToParts(instant)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant the wall clock shows `minute` minutes past midnight on a local date. A time that a
 * spring-forward skips comes out as the same time by the new clock (02:30 → 03:30); one that
 * autumn shows twice, the later.
 */
export function localMinuteOf(date: { year: number; month: number; day: number }, minute: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minute * MINUTE;
  let instant = wall - offsetAt(new Date(wall), timeZone);
  instant = wall - offsetAt(new Date(instant), timeZone);
  return new Date(instant);
}

/** The first daily check strictly after `after`: `minute` past local midnight in the zone. */
export function nextDailyCheck(after: Date, minute: number, timeZone: string): Date {
  const today = localDateOf(after, timeZone);
  for (let days = 0; days <= 2; days++) {
    const at = localMinuteOf(addLocalDays(today, days), minute, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error("unreachable: a day always has its check");
}

/** The latest daily check at or before `now` (the one a scheduler that woke up late still owes). */
export function latestDailyCheck(now: Date, minute: number, timeZone: string): Date {
  const today = localDateOf(now, timeZone);
  for (let days = 0; days >= -2; days--) {
    const at = localMinuteOf(addLocalDays(today, days), minute, timeZone);
    if (at.getTime() <= now.getTime()) return at;
  }
  throw new Error("unreachable: a day always has its check");
}

export interface ViewSchedule {
  /** Minutes after local midnight of the daily check. */
  scheduleMinute: number;
  activatedAt: Date | null;
  /** The check it last ran, if any. */
  lastCheckAt: Date | null;
}

/**
 * The daily check a view-matching automation owes at `now`, or null: the latest one at or before
 * `now` (a check missed while the app was down runs once, late, not once per missed day), if it
 * came after the automation was switched on and has not been run yet.
 */
export function dueViewCheck(automation: ViewSchedule, timeZone: string, now: Date): Date | null {
  if (!automation.activatedAt) return null;
  const check = latestDailyCheck(now, automation.scheduleMinute, timeZone);
  if (check.getTime() < automation.activatedAt.getTime()) return null;
  if (automation.lastCheckAt && automation.lastCheckAt.getTime() >= check.getTime()) return null;
  return check;
}

const VIEW_TRIGGER = "view:";

/** A check's local day in the zone, "2026-03-29": a repeat counts days from it. */
export function checkDay(checkAt: Date, timeZone: string): string {
  return localDateText(localDateOf(checkAt, timeZone));
}

/** The trigger key of the steps a view check starts: one per local day, as `automation_step_runs` keys them. */
export function viewTriggerKey(day: string): string {
  return `${VIEW_TRIGGER}${day}`;
}

export function isViewTriggerKey(triggerKey: string): boolean {
  return triggerKey.startsWith(VIEW_TRIGGER);
}

/** "Due in N days" for a todo: the same wall-clock time N local days later. */
export function dueInDays(now: Date, days: number, timeZone: string): Date {
  const today = localDateOf(now, timeZone);
  const minute = Math.round((now.getTime() - startOfLocalDate(today, timeZone).getTime()) / MINUTE);
  return localMinuteOf(addLocalDays(today, days), Math.min(minute, 1439), timeZone);
}
