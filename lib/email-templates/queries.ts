import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { datasheets, emailTemplates, fields, modules, users } from "@/db/schema";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { visibleDatasheets } from "@/lib/datasheets/access";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { assertMayUseTemplates } from "./render";

/* What Settings → Email templates shows (admins), and what a newsletter's form offers (admins and managers). */

export interface TemplateSummary {
  id: string;
  moduleId: string;
  moduleName: string;
  name: string;
  subject: string;
  updatedAt: Date;
  updatedBy: { familyName: string; givenName: string } | null;
  deletedAt: Date | null;
}

/** The workspace's templates by module and name, those in the trash too (with `deletedAt`). */
export async function listEmailTemplates(conn: Conn, actor: UserActor, options: { inTrash?: boolean } = {}): Promise<TemplateSummary[]> {
  assertMayUseTemplates(actor);
  const rows = await conn
    .select({
      id: emailTemplates.id,
      moduleId: emailTemplates.moduleId,
      moduleName: modules.name,
      name: emailTemplates.name,
      subject: emailTemplates.subject,
      updatedAt: emailTemplates.updatedAt,
      deletedAt: emailTemplates.deletedAt,
      familyName: users.familyName,
      givenName: users.givenName,
    })
    .from(emailTemplates)
    .innerJoin(modules, eq(modules.id, emailTemplates.moduleId))
    .leftJoin(users, eq(users.id, emailTemplates.updatedByUserId))
    .where(and(eq(emailTemplates.workspaceId, actor.workspaceId), options.inTrash ? isNotNull(emailTemplates.deletedAt) : isNull(emailTemplates.deletedAt)))
    .orderBy(asc(modules.position), asc(modules.id), asc(emailTemplates.name), asc(emailTemplates.id));
  return rows.map(({ familyName, givenName, ...row }) => ({
    ...row,
    updatedBy: familyName !== null && givenName !== null ? { familyName, givenName } : null,
  }));
}

export interface TemplateModule {
  id: string;
  name: string;
  /** The module's fields as `{{field.<key>}}` offers them. */
  fields: { key: string; label: string }[];
  /** Datasheets to preview on: the most recently changed ones. */
  datasheets: { id: string; name: string }[];
}

export const PREVIEW_CHOICES = 50;

/** The active modules with their fields and a few datasheets each: what the editor needs to pick from. */
export async function templateModules(conn: Conn, actor: UserActor): Promise<TemplateModule[]> {
  assertCan(actor, "settings.manage");
  const moduleRows = await conn
    .select({ id: modules.id, name: modules.name })
    .from(modules)
    .where(and(eq(modules.workspaceId, actor.workspaceId), isNull(modules.archivedAt)))
    .orderBy(asc(modules.position), asc(modules.id));
  if (!moduleRows.length) return [];
  const ids = moduleRows.map((m) => m.id);
  const fieldRows = await conn
    .select({ moduleId: fields.moduleId, key: fields.key, label: fields.label })
    .from(fields)
    .where(and(inArray(fields.moduleId, ids), isNull(fields.archivedAt)))
    .orderBy(asc(fields.position), asc(fields.id));
  const sheets = await Promise.all(
    ids.map((moduleId) =>
      conn
        .select({ id: datasheets.id, name: datasheets.businessName })
        .from(datasheets)
        .where(and(eq(datasheets.moduleId, moduleId), visibleDatasheets(actor)))
        .orderBy(desc(datasheets.updatedAt), desc(datasheets.id))
        .limit(PREVIEW_CHOICES),
    ),
  );
  return moduleRows.map((m, i) => ({
    ...m,
    fields: fieldRows.filter((f) => f.moduleId === m.id).map(({ key, label }) => ({ key, label })),
    datasheets: sheets[i]!,
  }));
}

export interface TemplateForEditor {
  id: string;
  moduleId: string;
  name: string;
  subject: string;
  body: string;
  version: number;
}

/** One template to edit (admins); in the trash, another workspace's or not an id: "not found". */
export async function getEmailTemplate(conn: Conn, actor: UserActor, templateId: string): Promise<TemplateForEditor> {
  assertCan(actor, "settings.manage");
  assertId(templateId);
  const [row] = await conn
    .select({
      id: emailTemplates.id,
      moduleId: emailTemplates.moduleId,
      name: emailTemplates.name,
      subject: emailTemplates.subject,
      body: emailTemplates.body,
      version: emailTemplates.version,
    })
    .from(emailTemplates)
    .where(and(eq(emailTemplates.id, templateId), eq(emailTemplates.workspaceId, actor.workspaceId), isNull(emailTemplates.deletedAt)));
  if (!row) throw new NotFoundError();
  return row;
}
