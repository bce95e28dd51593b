import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Conn, Tx } from "@/db/client";
import { emailTemplates, modules, type EmailTemplateRow } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { assertVersion } from "@/lib/datasheets/version";
import { moduleFields } from "@/lib/datasheets/field-values";
import { DomainError, NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { firstIssue, validateTemplate, type TemplateParts } from "./merge-fields";
import type { CreateEmailTemplateInput, UpdateEmailTemplateInput } from "./schemas";

/*
 * Settings → Email templates (admins, SPEC §2; the system when it seeds a module's defaults).
 * A template is saved only when every merge field it uses exists: a misspelt name is refused with
 * the name, here as in the editor.
 */

/** A template's merge fields are wrong: `params.field` names the first one, `params.part` where it is. */
export class MergeFieldError extends DomainError {}

/** The module, not archived, of the actor's workspace, locked against field changes meanwhile. */
async function lockTemplateModule(tx: Tx, actor: Actor, moduleId: string): Promise<void> {
  assertId(moduleId);
  const [row] = await tx
    .select({ archivedAt: modules.archivedAt })
    .from(modules)
    .where(and(eq(modules.id, moduleId), eq(modules.workspaceId, actor.workspaceId)))
    .for("share");
  if (!row) throw new NotFoundError();
  if (row.archivedAt) throw new DomainError("moduleArchived");
}

/** Refuses a subject or body with an unknown or malformed merge field, naming it. */
export async function assertMergeFields(conn: Conn, moduleId: string, parts: TemplateParts): Promise<void> {
  const fieldKeys = (await moduleFields(conn, moduleId)).map((f) => f.key);
  const issue = firstIssue(validateTemplate(parts, { fieldKeys }));
  if (issue) throw new MergeFieldError(issue.code, { part: issue.part, ...("field" in issue ? { field: issue.field } : {}) });
}

async function lockTemplate(tx: Tx, actor: Actor, templateId: string, options: { inTrash?: boolean } = {}): Promise<EmailTemplateRow> {
  assertId(templateId);
  const [row] = await tx
    .select()
    .from(emailTemplates)
    .where(
      and(
        eq(emailTemplates.id, templateId),
        eq(emailTemplates.workspaceId, actor.workspaceId),
        options.inTrash ? isNotNull(emailTemplates.deletedAt) : sql`${emailTemplates.deletedAt} is null`,
      ),
    )
    .for("update");
  if (!row) throw new NotFoundError();
  return row;
}

export async function createEmailTemplate(
  conn: Conn,
  actor: Actor,
  input: CreateEmailTemplateInput & { seedKey?: string | null },
): Promise<{ id: string; version: number }> {
  assertCan(actor, "settings.manage");
  return conn.transaction(async (tx) => {
    await lockTemplateModule(tx, actor, input.moduleId);
    await assertMergeFields(tx, input.moduleId, input);
    const [row] = await tx
      .insert(emailTemplates)
      .values({
        workspaceId: actor.workspaceId,
        moduleId: input.moduleId,
        name: input.name,
        subject: input.subject,
        body: input.body,
        seedKey: input.seedKey ?? null,
        updatedByUserId: actor.userId,
      })
      .returning({ id: emailTemplates.id, version: emailTemplates.version });
    if (actor.kind !== "system") {
      await recordAudit(tx, actor, { workspaceId: actor.workspaceId, action: "email_template.created", subjectId: row!.id, details: { name: input.name } });
    }
    return row!;
  });
}

/** Saves a new name, subject and body on the version the admin edited (else "changed meanwhile"). */
export async function updateEmailTemplate(conn: Conn, actor: Actor, input: UpdateEmailTemplateInput): Promise<{ version: number }> {
  assertCan(actor, "settings.manage");
  return conn.transaction(async (tx) => {
    const row = await lockTemplate(tx, actor, input.templateId);
    await assertVersion(tx, row, input.version, () => ({ name: row.name, subject: row.subject, body: row.body, version: row.version }));
    await lockTemplateModule(tx, actor, row.moduleId);
    await assertMergeFields(tx, row.moduleId, input);
    const [updated] = await tx
      .update(emailTemplates)
      .set({
        name: input.name,
        subject: input.subject,
        body: input.body,
        version: sql`${emailTemplates.version} + 1`,
        updatedByUserId: actor.userId,
        updatedAt: new Date(),
      })
      .where(eq(emailTemplates.id, row.id))
      .returning({ version: emailTemplates.version });
    if (actor.kind !== "system") {
      await recordAudit(tx, actor, { workspaceId: actor.workspaceId, action: "email_template.updated", subjectId: row.id, details: { name: input.name } });
    }
    return updated!;
  });
}

/** To the trash: automations naming it then fail their step with the reason; restorable. */
export async function trashEmailTemplate(conn: Conn, actor: Actor, templateId: string): Promise<void> {
  assertCan(actor, "settings.manage");
  await conn.transaction(async (tx) => {
    const row = await lockTemplate(tx, actor, templateId);
    await tx.update(emailTemplates).set({ deletedAt: new Date(), updatedByUserId: actor.userId }).where(eq(emailTemplates.id, row.id));
    if (actor.kind !== "system") {
      await recordAudit(tx, actor, { workspaceId: actor.workspaceId, action: "email_template.trashed", subjectId: row.id, details: { name: row.name } });
    }
  });
}

export async function restoreEmailTemplate(conn: Conn, actor: Actor, templateId: string): Promise<void> {
  assertCan(actor, "settings.manage");
  await conn.transaction(async (tx) => {
    const row = await lockTemplate(tx, actor, templateId, { inTrash: true });
    await tx.update(emailTemplates).set({ deletedAt: null, updatedByUserId: actor.userId }).where(eq(emailTemplates.id, row.id));
    if (actor.kind !== "system") {
      await recordAudit(tx, actor, { workspaceId: actor.workspaceId, action: "email_template.restored", subjectId: row.id, details: { name: row.name } });
    }
  });
}
