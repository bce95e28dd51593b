import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { automationStepRuns, emails, emailTemplates, todos } from "@/db/schema";
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

