import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { automations, automationStepRuns, automationSteps, emails, emailTemplates, statuses, todos } from "@/db/schema";
import type { UserActor } from "@/lib/auth/permissions";
import { createAutomation } from "@/lib/automations/mutations";
import { createAutomationSchema, type StepInput } from "@/lib/automations/schemas";
import { changeDatasheetStatus } from "@/lib/datasheets/assignment";
import { datasheetRow } from "../../factories/datasheets";
import { statusByKey } from "../../factories/modules";
import type { ModuleConfig } from "@/lib/modules/queries";

/** A template of the module, stored as Settings → Email templates stores one. */
export async function createTemplate(admin: UserActor, moduleId: string, overrides: { subject?: string; body?: string } = {}) {
  const db = await getDb();
  const [row] = await db
    .insert(emailTemplates)
    .values({
      workspaceId: admin.workspaceId,
      moduleId,
      name: "We received your request",
      subject: overrides.subject ?? "We received your request, {{business.name}}",
      body: overrides.body ?? "Dear {{contact.name}},\n\nthank you for writing to us.\n\n{{sender.signature}}",
    })
    .returning({ id: emailTemplates.id });
  return row!.id;
}

export async function newAutomation(admin: UserActor, moduleId: string, statusId: string, steps: Partial<StepInput>[], name = "Welcome") {
  const input = createAutomationSchema.parse({ moduleId, name, trigger: "status_entered", statusId, steps });
  return (await createAutomation(await getDb(), admin, input)).id;
}

/** Moves a datasheet of a manual module into a status by its key, as a user does on the board. */
export async function moveTo(actor: UserActor, config: ModuleConfig, datasheetId: string, key: string) {
  const row = await datasheetRow(datasheetId);
  await changeDatasheetStatus(await getDb(), actor, { datasheetId, statusId: statusByKey(config, key).id, version: row.version });
}

export async function emailsOf(automationId: string) {
  const db = await getDb();
  return db.select().from(emails).where(eq(emails.automationId, automationId)).orderBy(emails.createdAt);
}

export async function runsOf(automationId: string, datasheetId: string) {
  const db = await getDb();
  return db
    .select()
    .from(automationStepRuns)
    .where(and(eq(automationStepRuns.automationId, automationId), eq(automationStepRuns.datasheetId, datasheetId)))
    .orderBy(automationStepRuns.stepPosition);
}

export async function todosOf(datasheetId: string) {
  const db = await getDb();
  return db.select().from(todos).where(eq(todos.datasheetId, datasheetId));
}

/**
 * A module's default automations and templates as an admin reads them, ids replaced by what they
 * name (a step's template by its seed key, a trigger by its status key): comparable across modules.
 */
export async function defaultsOf(moduleId: string) {
  const db = await getDb();
  const templates = await db
    .select({ id: emailTemplates.id, seedKey: emailTemplates.seedKey, name: emailTemplates.name, subject: emailTemplates.subject, body: emailTemplates.body, deletedAt: emailTemplates.deletedAt })
    .from(emailTemplates)
    .where(eq(emailTemplates.moduleId, moduleId))
    .orderBy(asc(emailTemplates.seedKey), asc(emailTemplates.name));
  const seedKeyOf = new Map(templates.map((t) => [t.id, t.seedKey]));
  const rows = await db
    .select({
      id: automations.id,
      seedKey: automations.seedKey,
      name: automations.name,
      trigger: automations.trigger,
      status: statuses.key,
      activatedAt: automations.activatedAt,
      deletedAt: automations.deletedAt,
    })
    .from(automations)
    .leftJoin(statuses, eq(statuses.id, automations.statusId))
    .where(eq(automations.moduleId, moduleId))
    .orderBy(asc(automations.seedKey), asc(automations.name));
  const steps = rows.length
    ? await db
        .select()
        .from(automationSteps)
        .where(
          inArray(
            automationSteps.automationId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(automationSteps.position))
    : [];
  return {
    templates: templates.map(({ id: _id, ...t }) => t),
    automations: rows.map(({ id, ...a }) => ({
      ...a,
      steps: steps
        .filter((s) => s.automationId === id)
        .map((s) => ({ position: s.position, kind: s.kind, delayMinutes: s.delayMinutes, settings: { ...s.settings, templateId: seedKeyOf.get(s.settings.templateId ?? "") ?? null } })),
    })),
  };
}
