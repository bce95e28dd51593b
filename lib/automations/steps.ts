import type { AutomationStepSettings, AutomationStepKind } from "@/db/schema";
import type { StepLike } from "./rules";
import type { StepInput } from "./schemas";

/** A stored step (kind, delay, settings) or one from the builder, as the rules read it. */
export function stepLikeOf(step: StepInput | { kind: AutomationStepKind; delayMinutes: number; settings: AutomationStepSettings }): StepLike {
  if ("settings" in step) return { kind: step.kind, delayMinutes: step.delayMinutes, ...step.settings };
  return step;
}

/** A stored step as the builder edits it (and as the API would take it back). */
export function stepInputOf(step: { id: string; kind: AutomationStepKind; delayMinutes: number; settings: AutomationStepSettings }): StepInput {
  const s = step.settings;
  switch (step.kind) {
    case "email_client":
      return { id: step.id, kind: "email_client", delayMinutes: step.delayMinutes, templateId: s.templateId ?? null };
    case "email_user":
      return {
        id: step.id,
        kind: "email_user",
        delayMinutes: step.delayMinutes,
        templateId: s.templateId ?? null,
        recipient: s.recipient === "user" || s.recipient === "role" ? s.recipient : "responsible",
        userId: s.userId ?? null,
        role: s.role ?? null,
      };
    case "todo_user":
      return {
        id: step.id,
        kind: "todo_user",
        delayMinutes: step.delayMinutes,
        text: s.text ?? "",
        recipient: s.recipient === "user" ? "user" : "responsible",
        userId: s.userId ?? null,
        dueDays: s.dueDays ?? 0,
      };
  }
}
