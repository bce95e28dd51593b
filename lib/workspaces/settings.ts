import "server-only";
import { eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { workspaces } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { emailFrom } from "@/lib/email/config";
import { NotFoundError } from "@/lib/errors";
import type { UpdateWorkspaceSettingsInput } from "./schemas";

export interface WorkspaceSettings {
  name: string;
  locale: "en" | "hu";
  timeZone: string;
  currency: string;
  emailSenderName: string | null;
  emailReplyTo: string | null;
  trashRetentionDays: number;
}

const columns = {
  name: workspaces.name,
  locale: workspaces.locale,
  timeZone: workspaces.timeZone,
  currency: workspaces.currency,
  emailSenderName: workspaces.emailSenderName,
  emailReplyTo: workspaces.emailReplyTo,
  trashRetentionDays: workspaces.trashRetentionDays,
};

/** Settings → Workspace: what an admin edits. */
export async function getWorkspaceSettings(conn: Conn, actor: UserActor): Promise<WorkspaceSettings> {
  assertCan(actor, "settings.manage");
  const [row] = await conn.select(columns).from(workspaces).where(eq(workspaces.id, actor.workspaceId));
  if (!row) throw new NotFoundError();
  return row;
}

/** Saves the workspace's settings in one statement, with an audit entry naming what changed. */
export async function updateWorkspaceSettings(conn: Conn, actor: UserActor, input: UpdateWorkspaceSettingsInput): Promise<WorkspaceSettings> {
  assertCan(actor, "settings.manage");
  return conn.transaction(async (tx) => {
    const [before] = await tx.select(columns).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for("update");
    if (!before) throw new NotFoundError();
    const [after] = await tx.update(workspaces).set(input).where(eq(workspaces.id, actor.workspaceId)).returning(columns);
    const changed = (Object.keys(input) as (keyof WorkspaceSettings)[]).filter((key) => before[key] !== after![key]);
    if (changed.length) {
      await recordAudit(tx, actor, {
        workspaceId: actor.workspaceId,
        action: "workspace.settingsChanged",
        subjectId: actor.workspaceId,
        details: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: after![key] }])),
      });
    }
    return after!;
  });
}

/** How outgoing email of a workspace is addressed. */
export interface WorkspaceEmailSettings {
  /** The From header: the workspace's sender name on EMAIL_FROM's address (or EMAIL_FROM as it is). */
  from: string;
  senderName: string | null;
  /** Where replies go when the email names no one else; null: to the sender. */
  replyTo: string | null;
}

/** `Name <address>` → address; a bare address as it is. */
function addressOf(from: string): string {
  const match = /<([^>]+)>\s*$/.exec(from);
  return (match ? match[1]! : from).trim();
}

/**
 * The sender name and reply-to address outgoing email of the workspace uses (lib/email/send.ts,
 * automations' templates). Not an actor's read: the system sends email too, and the values are no secret.
 */
export async function getWorkspaceEmailSettings(conn: Conn, workspaceId: string): Promise<WorkspaceEmailSettings> {
  const [row] = await conn
    .select({ senderName: workspaces.emailSenderName, replyTo: workspaces.emailReplyTo })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new NotFoundError();
  const configured = emailFrom();
  const from = row.senderName ? `"${row.senderName.replace(/["\\]/g, "")}" <${addressOf(configured)}>` : configured;
  return { from, senderName: row.senderName, replyTo: row.replyTo };
}
