import type { StepInput, StepKind } from "@/lib/automations/schemas";

/** What the builder offers to choose from (the module's, the workspace's). */
export interface BuilderOptions {
  statuses: { id: string; name: string }[];
  views: { id: string; name: string }[];
  templates: { id: string; name: string }[];
  users: { id: string; name: string }[];
}

export const DELAY_UNITS = ["minutes", "hours", "days"] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number];
const UNIT_MINUTES: Record<DelayUnit, number> = { minutes: 1, hours: 60, days: 24 * 60 };

/** A step as the builder edits it: a key for the list (its id once saved) and its delay as an amount and a unit. */
export type DraftStep = StepInput & { key: string; delayAmount: number; delayUnit: DelayUnit };

export function draftOf(step: StepInput): DraftStep {
  const unit: DelayUnit =
    step.delayMinutes && step.delayMinutes % UNIT_MINUTES.days === 0
      ? "days"
      : step.delayMinutes && step.delayMinutes % 60 === 0
        ? "hours"
        : step.delayMinutes
          ? "minutes"
          : "days";
  return { ...step, key: step.id ?? newKey(), delayAmount: step.delayMinutes / UNIT_MINUTES[unit], delayUnit: unit };
}

let counter = 0;
function newKey(): string {
  counter += 1;
  return `new-${Date.now().toString(36)}-${counter}`;
}

export function newDraft(kind: StepKind): DraftStep {
  const base = { id: null, delayMinutes: 0 };
  const step: StepInput =
    kind === "email_client"
      ? { ...base, kind, templateId: null }
      : kind === "email_user"
        ? { ...base, kind, templateId: null, recipient: "responsible", userId: null, role: null }
        : { ...base, kind, text: "", recipient: "responsible", userId: null, dueDays: 1 };
  return draftOf(step);
}

/** The step as the action takes it back. */
export function stepOf(draft: DraftStep): StepInput {
  const { key: _key, delayAmount, delayUnit, ...step } = draft;
  return { ...step, delayMinutes: delayAmount * UNIT_MINUTES[delayUnit] } as StepInput;
}
