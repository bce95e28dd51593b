import "server-only";
import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Conn, Tx } from "@/db/client";
import { automations, automationStepRuns, automationSteps, statuses, users, views, type Automation, type AutomationStepSettings } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { assertVersion } from "@/lib/datasheets/version";
import { DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertId, isUuid } from "@/lib/ids";
import { lockModule } from "@/lib/modules/scope";
import { assertActivatable } from "./rules";
import type { CreateAutomationInput, StepInput, UpdateAutomationInput } from "./schemas";
import { stepLikeOf } from "./steps";

/*
 * Settings → Automations (SPEC §4), admins only. Each change locks the module, then the
 * automation; every change is audited. A switched-off or trashed automation's pending steps are
 * skipped in the same transaction, so nothing it planned runs afterwards.
 */

type AutomationFields = Omit<CreateAutomationInput, "moduleId">;

/** The automation, locked, in the actor's workspace; its module locked first. */
async function lockAutomation(tx: Tx, actor: UserActor, automationId: string): Promise<Automation> {
  assertId(automationId);
  const [found] = await tx
    .select({ moduleId: automations.moduleId })
    .from(automations)
    .where(and(eq(automations.id, automationId), eq(automations.workspaceId, actor.workspaceId)));
  if (!found) throw new NotFoundError();
  await lockModule(tx, actor, found.moduleId);
  const [row] = await tx.select().from(automations).where(eq(automations.id, automationId)).for("update");
  if (!row) throw new NotFoundError();
  return row;
}

/** The trigger's status or view must be the module's; a named user an active member of the workspace. */
async function checkReferences(tx: Tx, actor: UserActor, moduleId: string, input: AutomationFields): Promise<void> {
  if (input.statusId) {
    const [row] = isUuid(input.statusId)
      ? await tx
          .select({ id: statuses.id })
          .from(statuses)
          .where(and(eq(statuses.id, input.statusId), eq(statuses.moduleId, moduleId)))
      : [];
    if (!row) throw new ValidationError({ statusId: "automationReference" });
  }
  if (input.viewId) {
    const [row] = isUuid(input.viewId)
      ? await tx
          .select({ id: views.id })
          .from(views)
          .where(and(eq(views.id, input.viewId), eq(views.moduleId, moduleId), eq(views.isShared, true)))
      : [];
    if (!row) throw new ValidationError({ viewId: "automationReference" });
  }
  const named = [...new Set(input.steps.flatMap((s) => (s.kind !== "email_client" && s.recipient === "user" && s.userId ? [s.userId] : [])))];
  if (named.some((id) => !isUuid(id))) throw new ValidationError({ steps: "userInvalid" });
  if (named.length) {
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, named), eq(users.workspaceId, actor.workspaceId), eq(users.isActive, true)));
    if (found.length !== named.length) throw new ValidationError({ steps: "userInvalid" });
  }
}

function settingsOf(step: StepInput): AutomationStepSettings {
  switch (step.kind) {
    case "email_client":
      return { templateId: step.templateId };
    case "email_user":
      return {
        templateId: step.templateId,
        recipient: step.recipient,
        userId: step.recipient === "user" ? step.userId : null,
        role: step.recipient === "role" ? step.role : null,
      };
    case "todo_user":
      return { text: step.text, recipient: step.recipient, userId: step.recipient === "user" ? step.userId : null, dueDays: step.dueDays };
  }
}

/**
 * Writes the step list as given: a step keeps its id (its runs are keyed by it), new ones get one,
 * the ones left out go. An id of another automation's step is refused.
 */
async function replaceSteps(tx: Tx, actor: UserActor, automationId: string, steps: StepInput[]): Promise<void> {
  const kept = steps.flatMap((s) => (s.id ? [s.id] : []));
  if (kept.some((id) => !isUuid(id)) || new Set(kept).size !== kept.length) throw new ValidationError({ steps: "automationReference" });
  if (kept.length) {
    const foreign = await tx
      .select({ id: automationSteps.id })
      .from(automationSteps)
      .where(and(inArray(automationSteps.id, kept), notInArray(automationSteps.automationId, [automationId])));
    if (foreign.length) throw new ValidationError({ steps: "automationReference" });
  }
  await tx.delete(automationSteps).where(and(eq(automationSteps.automationId, automationId), kept.length ? notInArray(automationSteps.id, kept) : undefined));
  for (const [position, step] of steps.entries()) {
    const values = { kind: step.kind, position, delayMinutes: step.delayMinutes, settings: settingsOf(step) };
    await tx
      .insert(automationSteps)
      .values({ ...(step.id ? { id: step.id } : {}), workspaceId: actor.workspaceId, automationId, ...values })
      .onConflictDoUpdate({ target: automationSteps.id, set: values });
  }
}

function automationValues(input: AutomationFields) {
  return {
    name: input.name,
    trigger: input.trigger,
    statusId: input.trigger === "status_entered" ? input.statusId : null,
    viewId: input.trigger === "view_matched" ? input.viewId : null,
    scheduleMinute: input.scheduleMinute,
    repeatDays: input.trigger === "view_matched" ? input.repeatDays : null,
  };
}

export async function createAutomation(conn: Conn, actor: UserActor, input: CreateAutomationInput): Promise<{ id: string }> {
  assertCan(actor, "settings.manage");
  return conn.transaction(async (tx) => {
    const owner = await lockModule(tx, actor, input.moduleId);
    await checkReferences(tx, actor, owner.id, input);
    const [row] = await tx
      .insert(automations)
      .values({ workspaceId: actor.workspaceId, moduleId: owner.id, ...automationValues(input), updatedByUserId: actor.userId })
      .returning({ id: automations.id });
    await replaceSteps(tx, actor, row!.id, input.steps);
    await recordAudit(tx, actor, { workspaceId: actor.workspaceId, action: "automation.created", subjectId: row!.id, details: { name: input.name } });
    return { id: row!.id };
  });
}

/** Skips what a switched-off or trashed automation had planned: it never runs later. */
async function skipPendingRuns(tx: Tx, automationId: string, reason: string): Promise<void> {
  await tx
    .update(automationStepRuns)
    .set({ status: "skipped", reason, finishedAt: new Date() })
    .where(and(eq(automationStepRuns.automationId, automationId), eq(automationStepRuns.status, "pending")));
}

/** Saves the builder: name, trigger and the whole step list, on the version the admin saw. An active automation stays complete. */
export async function updateAutomation(conn: Conn, actor: UserActor, input: UpdateAutomationInput): Promise<void> {
  assertCan(actor, "settings.manage");
  await conn.transaction(async (tx) => {
    const current = await lockAutomation(tx, actor, input.automationId);
    if (current.deletedAt) throw new DomainError("automationTrashed");
    await assertVersion(tx, current, input.version, () => null);
    await checkReferences(tx, actor, current.moduleId, input);
    if (current.activatedAt) assertActivatable(automationValues(input), input.steps.map(stepLikeOf));
    await tx
      .update(automations)
      .set({ ...automationValues(input), version: current.version + 1, updatedByUserId: actor.userId, updatedAt: new Date() })
      .where(eq(automations.id, current.id));
    await replaceSteps(tx, actor, current.id, input.steps);
    await recordAudit(tx, actor, { workspaceId: actor.workspaceId, action: "automation.updated", subjectId: current.id, details: { name: input.name } });
  });
}

async function setState(conn: Conn, actor: UserActor, automationId: string, action: "activated" | "switched_off" | "trashed" | "restored"): Promise<void> {
  assertCan(actor, "settings.manage");
  await conn.transaction(async (tx) => {
    const current = await lockAutomation(tx, actor, automationId);
    const now = new Date();
    let set: Partial<Automation>;
    if (action === "restored") {
      if (!current.deletedAt) return;
      // Back from the trash switched off: it fires again only once an admin activates it.
      set = { deletedAt: null };
    } else if (current.deletedAt) {
      throw new DomainError("automationTrashed");
    } else if (action === "activated") {
      if (current.activatedAt) return;
      const steps = await tx.select().from(automationSteps).where(eq(automationSteps.automationId, current.id)).orderBy(automationSteps.position);
      assertActivatable(current, steps.map(stepLikeOf));
      set = { activatedAt: now };
    } else if (action === "switched_off") {
      if (!current.activatedAt) return;
      set = { activatedAt: null };
    } else {
      set = { deletedAt: now, activatedAt: null };
    }
    await tx
      .update(automations)
      .set({ ...set, version: current.version + 1, updatedByUserId: actor.userId, updatedAt: now })
      .where(eq(automations.id, current.id));
    if (action === "switched_off" || action === "trashed") await skipPendingRuns(tx, current.id, action === "trashed" ? "automationTrashed" : "automationOff");
    await recordAudit(tx, actor, { workspaceId: actor.workspaceId, action: `automation.${action}`, subjectId: current.id, details: { name: current.name } });
  });
}

export const activateAutomation = (conn: Conn, actor: UserActor, automationId: string) => setState(conn, actor, automationId, "activated");
export const switchOffAutomation = (conn: Conn, actor: UserActor, automationId: string) => setState(conn, actor, automationId, "switched_off");
export const trashAutomation = (conn: Conn, actor: UserActor, automationId: string) => setState(conn, actor, automationId, "trashed");
export const restoreAutomation = (conn: Conn, actor: UserActor, automationId: string) => setState(conn, actor, automationId, "restored");
