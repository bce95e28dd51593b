import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { newsletters } from "@/db/schema";
import { newsletterScheduled } from "@/inngest/events";
import { recordAudit } from "@/lib/audit";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { prepareTemplate } from "@/lib/email-templates/render";
import { DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { emit } from "@/lib/jobs/outbox";
import { checkAudience } from "./audience";
import type { ScheduleNewsletterInput } from "./schemas";

/** A time this far in the past still counts as "now" (the form's minute, a slow click). */
const PAST_TOLERANCE_MS = 5 * 60_000;

/**
 * Schedules a template to a status, a status group or a view of the template's module at a time
 * (SPEC §2: email campaigns, admins and managers). The template must be usable now (its merge
 * fields exist); the audience is read when sending starts. `newsletter/scheduled` is recorded for
 * that moment in the same transaction.
 */
export async function scheduleNewsletter(conn: Conn, actor: UserActor, input: ScheduleNewsletterInput, now = new Date()): Promise<{ id: string }> {
  assertCan(actor, "campaigns.manage");
  const scheduledAt = new Date(input.scheduledAt);
  if (Number.isNaN(scheduledAt.getTime())) throw new ValidationError({ scheduledAt: "datetimeInvalid" });
  if (scheduledAt.getTime() < now.getTime() - PAST_TOLERANCE_MS) throw new ValidationError({ scheduledAt: "scheduledInPast" });
  return conn.transaction(async (tx) => {
    const template = await prepareTemplate(tx, actor.workspaceId, input.templateId);
    await checkAudience(tx, actor, { moduleId: template.moduleId, audience: input.audience, audienceId: input.audienceId });
    const [row] = await tx
      .insert(newsletters)
      .values({
        workspaceId: actor.workspaceId,
        moduleId: template.moduleId,
        templateId: input.templateId,
        audience: input.audience,
        audienceId: input.audienceId,
        scheduledAt,
        createdByUserId: actor.userId,
      })
      .returning({ id: newsletters.id });
    await emit(tx, newsletterScheduled.create({ workspaceId: actor.workspaceId, newsletterId: row!.id }), { deliverAt: scheduledAt });
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "newsletter.scheduled",
      subjectId: row!.id,
      details: { templateId: input.templateId, audience: input.audience, audienceId: input.audienceId, scheduledAt: scheduledAt.toISOString() },
    });
    return { id: row!.id };
  });
}

/** Stops a newsletter that has not finished: what is not sent yet is not sent. */
export async function cancelNewsletter(conn: Conn, actor: UserActor, newsletterId: string, now = new Date()): Promise<void> {
  assertCan(actor, "campaigns.manage");
  assertId(newsletterId);
  await conn.transaction(async (tx) => {
    const [row] = await tx
      .select({ state: newsletters.state })
      .from(newsletters)
      .where(and(eq(newsletters.id, newsletterId), eq(newsletters.workspaceId, actor.workspaceId)))
      .for("update");
    if (!row) throw new NotFoundError();
    if (row.state !== "scheduled" && row.state !== "sending") throw new DomainError("newsletterFinished");
    await tx
      .update(newsletters)
      .set({ state: "cancelled", finishedAt: now, updatedAt: now })
      .where(and(eq(newsletters.id, newsletterId), inArray(newsletters.state, ["scheduled", "sending"])));
    await recordAudit(tx, actor, { workspaceId: actor.workspaceId, action: "newsletter.cancelled", subjectId: newsletterId });
  });
}
