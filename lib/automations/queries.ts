import "server-only";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Conn } from "@/db/client";
import {
  automations,
  automationStepRuns,
  automationSteps,
  emailTemplates,
  modules,
  statuses,
  statusGroups,
  users,
  views,
  type AutomationRunStatus,
  type AutomationStepKind,
  type Role,
} from "@/db/schema";
import { assertCan, type Actor, type UserActor } from "@/lib/auth/permissions";
import { getVisibleDatasheet } from "@/lib/datasheets/access";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { formatName, type Locale } from "@/lib/users/names";
import type { StepInput } from "./schemas";
import { stepInputOf } from "./steps";

export interface AutomationSummary {
  id: string;
  name: string;
  trigger: "status_entered" | "view_matched";
  statusId: string | null;
  viewId: string | null;
  scheduleMinute: number;
  repeatDays: number | null;
  isActive: boolean;
  deletedAt: Date | null;
  version: number;
  steps: StepInput[];
}

export interface AutomationsPage {
  module: { id: string; name: string };
  automations: AutomationSummary[];
  /** What the builder offers: the module's statuses, shared views and templates, the active users. */
  statuses: { id: string; name: string }[];
  views: { id: string; name: string }[];
  templates: { id: string; name: string }[];
  users: { id: string; name: string; role: Role }[];
}

/** Settings → Automations of one module (admins): its automations (the trash too) and what the builder offers. */
export async function getAutomationsPage(conn: Conn, actor: UserActor, moduleId: string, locale: Locale): Promise<AutomationsPage> {
  assertCan(actor, "settings.manage");
  assertId(moduleId);
  const [module] = await conn
    .select({ id: modules.id, name: modules.name })
    .from(modules)
    .where(and(eq(modules.id, moduleId), eq(modules.workspaceId, actor.workspaceId)));
  if (!module) throw new NotFoundError();
  const [rows, statusRows, viewRows, templateRows, userRows] = await Promise.all([
    conn.select().from(automations).where(eq(automations.moduleId, moduleId)).orderBy(asc(automations.createdAt), asc(automations.id)),
    conn
      .select({ id: statuses.id, name: statuses.name })
      .from(statuses)
      // In board order: by group, then within the group.
      .innerJoin(statusGroups, eq(statusGroups.id, statuses.groupId))
      .where(eq(statuses.moduleId, moduleId))
      .orderBy(asc(statusGroups.position), asc(statuses.position), asc(statuses.id)),
    conn
      .select({ id: views.id, name: views.name })
      .from(views)
      .where(and(eq(views.moduleId, moduleId), eq(views.isShared, true)))
      .orderBy(asc(views.position), asc(views.id)),
    conn
      .select({ id: emailTemplates.id, name: emailTemplates.name })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.moduleId, moduleId), isNull(emailTemplates.deletedAt)))
      .orderBy(asc(emailTemplates.name)),
    conn
      .select({ id: users.id, givenName: users.givenName, familyName: users.familyName, role: users.role })
      .from(users)
      .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.isActive, true)))
      .orderBy(asc(users.familyName), asc(users.givenName)),
  ]);
  const stepRows = rows.length
    ? await conn
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
    module,
    automations: rows.map((a) => ({
      id: a.id,
      name: a.name,
      trigger: a.trigger,
      statusId: a.statusId,
      viewId: a.viewId,
      scheduleMinute: a.scheduleMinute,
      repeatDays: a.repeatDays,
      isActive: a.activatedAt !== null,
      deletedAt: a.deletedAt,
      version: a.version,
      steps: stepRows.filter((s) => s.automationId === a.id).map(stepInputOf),
    })),
    statuses: statusRows,
    views: viewRows,
    templates: templateRows,
    users: userRows.map((u) => ({ id: u.id, name: formatName(u, locale), role: u.role })),
  };
}

export interface DatasheetAutomationRun {
  id: string;
  automationName: string;
  stepKind: AutomationStepKind;
  stepPosition: number;
  status: AutomationRunStatus;
  dueAt: Date;
  finishedAt: Date | null;
  reason: string | null;
}

/**
 * "What happens next" on a datasheet: its pending automation steps (soonest first) and the latest
 * runs done, skipped or failed. Whoever may see the datasheet sees them; nobody else.
 */
export async function getDatasheetAutomationRuns(
  conn: Conn,
  actor: Actor,
  datasheetId: string,
  limit = 20,
): Promise<{ pending: DatasheetAutomationRun[]; done: DatasheetAutomationRun[] }> {
  const datasheet = await getVisibleDatasheet(conn, actor, datasheetId);
  const columns = {
    id: automationStepRuns.id,
    automationName: automations.name,
    stepKind: automationStepRuns.stepKind,
    stepPosition: automationStepRuns.stepPosition,
    status: automationStepRuns.status,
    dueAt: automationStepRuns.dueAt,
    finishedAt: automationStepRuns.finishedAt,
    reason: automationStepRuns.reason,
  };
  const base = () => conn.select(columns).from(automationStepRuns).innerJoin(automations, eq(automations.id, automationStepRuns.automationId));
  const [pending, done] = await Promise.all([
    base()
      .where(and(eq(automationStepRuns.datasheetId, datasheet.id), eq(automationStepRuns.status, "pending")))
      .orderBy(asc(automationStepRuns.dueAt), asc(automationStepRuns.stepPosition))
      .limit(limit),
    base()
      .where(and(eq(automationStepRuns.datasheetId, datasheet.id), inArray(automationStepRuns.status, ["done", "skipped", "failed"])))
      .orderBy(desc(automationStepRuns.finishedAt), desc(automationStepRuns.stepPosition))
      .limit(limit),
  ]);
  return { pending, done };
}
