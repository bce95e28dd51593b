import "server-only";
import { and, asc, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import {
  emailTemplates,
  modules,
  newsletterRecipients,
  newsletters,
  statuses,
  statusGroups,
  users,
  views,
  type NewsletterAudience,
  type NewsletterState,
} from "@/db/schema";
import { assertCan, type UserActor } from "@/lib/auth/permissions";

/* What the newsletters page shows (SPEC §2: email campaigns, admins and managers). */

export interface NewsletterSummary {
  id: string;
  templateName: string;
  moduleName: string;
  audience: NewsletterAudience;
  /** The status's, group's or view's name now; null when it was removed since. */
  audienceName: string | null;
  scheduledAt: Date;
  state: NewsletterState;
  /** Addresses chosen when sending started; null before. */
  recipientCount: number | null;
  sentCount: number;
  skippedCount: number;
  /** Still to send (the progress figure: recipients − pending of recipients). */
  pendingCount: number;
  error: string | null;
  createdBy: { familyName: string; givenName: string } | null;
  finishedAt: Date | null;
}

export const NEWSLETTER_LIST_LIMIT = 100;

/** The workspace's newsletters, the latest scheduled first, with their progress. */
export async function listNewsletters(conn: Conn, actor: UserActor): Promise<NewsletterSummary[]> {
  assertCan(actor, "campaigns.manage");
  const rows = await conn
    .select({
      id: newsletters.id,
      templateName: emailTemplates.name,
      moduleName: modules.name,
      audience: newsletters.audience,
      audienceName: sql<string | null>`coalesce(${statuses.name}, ${statusGroups.name}, ${views.name})`,
      scheduledAt: newsletters.scheduledAt,
      state: newsletters.state,
      recipientCount: newsletters.recipientCount,
      sentCount: newsletters.sentCount,
      skippedCount: newsletters.skippedCount,
      pendingCount: sql<number>`(select count(*)::int from ${newsletterRecipients} r where r.newsletter_id = ${newsletters.id} and r.state = 'pending')`,
      error: newsletters.error,
      familyName: users.familyName,
      givenName: users.givenName,
      finishedAt: newsletters.finishedAt,
    })
    .from(newsletters)
    .innerJoin(emailTemplates, eq(emailTemplates.id, newsletters.templateId))
    .innerJoin(modules, eq(modules.id, newsletters.moduleId))
    .leftJoin(statuses, and(eq(newsletters.audience, "status"), eq(statuses.id, newsletters.audienceId)))
    .leftJoin(statusGroups, and(eq(newsletters.audience, "status_group"), eq(statusGroups.id, newsletters.audienceId)))
    .leftJoin(views, and(eq(newsletters.audience, "view"), eq(views.id, newsletters.audienceId)))
    .leftJoin(users, eq(users.id, newsletters.createdByUserId))
    .where(eq(newsletters.workspaceId, actor.workspaceId))
    .orderBy(desc(newsletters.scheduledAt), desc(newsletters.id))
    .limit(NEWSLETTER_LIST_LIMIT);
  return rows.map(({ familyName, givenName, ...row }) => ({
    ...row,
    createdBy: familyName !== null && givenName !== null ? { familyName, givenName } : null,
  }));
}

export interface NewsletterFormModule {
  id: string;
  name: string;
  templates: { id: string; name: string }[];
  groups: { id: string; name: string; statuses: { id: string; name: string }[] }[];
  /** The views the actor sees: shared ones and their own. */
  views: { id: string; name: string }[];
}

/** What the scheduling form offers: per active module, its templates, statuses by group, and views. */
export async function newsletterFormOptions(conn: Conn, actor: UserActor): Promise<NewsletterFormModule[]> {
  assertCan(actor, "campaigns.manage");
  const [moduleRows, templateRows, groupRows, statusRows, viewRows] = await Promise.all([
    conn
      .select({ id: modules.id, name: modules.name })
      .from(modules)
      .where(and(eq(modules.workspaceId, actor.workspaceId), isNull(modules.archivedAt)))
      .orderBy(asc(modules.position), asc(modules.id)),
    conn
      .select({ id: emailTemplates.id, moduleId: emailTemplates.moduleId, name: emailTemplates.name })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, actor.workspaceId), isNull(emailTemplates.deletedAt)))
      .orderBy(asc(emailTemplates.name), asc(emailTemplates.id)),
    conn
      .select({ id: statusGroups.id, moduleId: statusGroups.moduleId, name: statusGroups.name })
      .from(statusGroups)
      .where(eq(statusGroups.workspaceId, actor.workspaceId))
      .orderBy(asc(statusGroups.position), asc(statusGroups.id)),
    conn
      .select({ id: statuses.id, groupId: statuses.groupId, name: statuses.name })
      .from(statuses)
      .where(eq(statuses.workspaceId, actor.workspaceId))
      .orderBy(asc(statuses.position), asc(statuses.id)),
    conn
      .select({ id: views.id, moduleId: views.moduleId, name: views.name })
      .from(views)
      .where(and(eq(views.workspaceId, actor.workspaceId), or(eq(views.isShared, true), eq(views.ownerUserId, actor.userId))))
      .orderBy(asc(views.position), asc(views.id)),
  ]);
  return moduleRows
    .map((m) => ({
      ...m,
      templates: templateRows.filter((t) => t.moduleId === m.id).map(({ id, name }) => ({ id, name })),
      groups: groupRows
        .filter((g) => g.moduleId === m.id)
        .map((g) => ({ id: g.id, name: g.name, statuses: statusRows.filter((s) => s.groupId === g.id).map(({ id, name }) => ({ id, name })) })),
      views: viewRows.filter((v) => v.moduleId === m.id).map(({ id, name }) => ({ id, name })),
    }))
    .filter((m) => m.templates.length > 0);
}
