import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { users, type AutomationStep, type AutomationStepRun, type Datasheet } from "@/db/schema";
import type { SystemActor } from "@/lib/auth/permissions";
import { datasheetMergeData, type TemplateRecipient } from "@/lib/email-templates/render";
import { clientAddresses, sendTemplateToDatasheet } from "@/lib/email-templates/send";
import { DomainError } from "@/lib/errors";

/** Who an email step writes to: the client's addresses, or the users it names (active ones). */
async function recipientsOf(tx: Tx, actor: SystemActor, step: AutomationStep, datasheet: Datasheet): Promise<TemplateRecipient[]> {
  if (step.kind === "email_client") {
    const data = (await datasheetMergeData(tx, actor.workspaceId, [datasheet.id])).get(datasheet.id);
    return data ? clientAddresses(data).map(({ email, name, contactId }) => ({ email, name, contactId })) : [];
  }
  const { recipient, userId, role } = step.settings;
  const active = and(eq(users.workspaceId, actor.workspaceId), eq(users.isActive, true));
  let ids: string[] = [];
  if (recipient === "role" && role) {
    ids = (
      await tx
        .select({ id: users.id })
        .from(users)
        .where(and(active, eq(users.role, role)))
    ).map((u) => u.id);
  } else {
    const wanted = recipient === "user" ? userId : datasheet.responsibleUserId;
    if (wanted)
      ids = (
        await tx
          .select({ id: users.id })
          .from(users)
          .where(and(active, eq(users.id, wanted)))
      ).map((u) => u.id);
  }
  return ids.map((id) => ({ userId: id }));
}

/**
 * Sends an email step's template to each of its recipients through the templates' one sending path
 * (consent, unsubscribes, bounces and complaints respected there), one email per step run and
 * recipient: the idempotency key makes a repeat send nothing. Nobody to write to is a failure the
 * datasheet's "What happens next" shows.
 */
export async function sendStepEmails(
  tx: Tx,
  actor: SystemActor,
  { run, step, datasheet, automationId }: { run: AutomationStepRun; step: AutomationStep; datasheet: Datasheet; automationId: string },
): Promise<{ sent: string[]; suppressed: number }> {
  const recipients = await recipientsOf(tx, actor, step, datasheet);
  if (!recipients.length) throw new DomainError(step.kind === "email_client" ? "automationNoClientAddress" : "automationNoUser");
  const sent: string[] = [];
  let suppressed = 0;
  for (const recipient of recipients) {
    const who = "userId" in recipient ? `user:${recipient.userId}` : recipient.email.toLowerCase();
    const result = await sendTemplateToDatasheet(tx, actor, {
      templateId: step.settings.templateId!,
      datasheetId: datasheet.id,
      recipient,
      idempotencyKey: `automation/${run.id}/${who}`,
      automationId,
    });
    if (result.emailId) sent.push(result.emailId);
    else suppressed++;
  }
  if (!sent.length) throw new DomainError("automationAllSuppressed");
  return { sent, suppressed };
}
