import "server-only";
import type { Tx } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { UserActor } from "@/lib/auth/permissions";

/** Records a settings change in the same transaction as the change itself. */
export async function recordAudit(
  tx: Tx,
  actor: UserActor | null,
  entry: { workspaceId: string; action: string; subjectId?: string; details?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId: entry.workspaceId,
    actorUserId: actor?.userId ?? null,
    action: entry.action,
    subjectId: entry.subjectId ?? null,
    details: entry.details ?? {},
  });
}
