import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { emailEvents, emails, emailSuppressions, workspaces } from "@/db/schema";
import { emailClicked, emailOpened, emailUnsubscribed } from "@/inngest/events";
import { recordEmailFact } from "./engagement";
import { verifyTrackingToken } from "./tokens";

/**
 * What the links inside an email record. The routes are public (a recipient has no session): the
 * signed token is the only credential, and one that does not verify is "not found".
 */

async function emailOf(tx: Tx | Db, emailId: string) {
  const [email] = await tx
    .select({
      id: emails.id,
      workspaceId: emails.workspaceId,
      datasheetId: emails.datasheetId,
      toAddress: emails.toAddress,
      links: emails.links,
    })
    .from(emails)
    .where(eq(emails.id, emailId));
  return email;
}

/** The open pixel: records the open (the first one sets `opened_at`). False: not our token. */
export async function recordOpen(db: Db, token: string, now = new Date()): Promise<boolean> {
  const verified = verifyTrackingToken("open", token);
  if (!verified) return false;
  return db.transaction(async (tx) => {
    const email = await emailOf(tx, verified.emailId);
    if (!email) return false;
    await tx.insert(emailEvents).values({ workspaceId: email.workspaceId, emailId: email.id, type: "opened", at: now });
    await tx
      .update(emails)
      .set({ openedAt: sql`coalesce(${emails.openedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(emails.id, email.id));
    const ref = { workspaceId: email.workspaceId, emailId: email.id, datasheetId: email.datasheetId };
    await recordEmailFact(tx, email, emailOpened.create({ ...ref, at: now.toISOString() }));
    return true;
  });
}

/**
 * A click-through: records the click and answers the link's target, which can only be one of the
 * URLs stored with the email. Null: the token does not verify or names no link of that email.
 */
export async function recordClick(db: Db, token: string, now = new Date()): Promise<string | null> {
  const verified = verifyTrackingToken("click", token);
  if (!verified || verified.linkIndex === undefined) return null;
  const index = verified.linkIndex;
  return db.transaction(async (tx) => {
    const email = await emailOf(tx, verified.emailId);
    const url = email?.links[index];
    if (!email || !url) return null;
    await tx.insert(emailEvents).values({ workspaceId: email.workspaceId, emailId: email.id, type: "clicked", url, at: now });
    await tx
      .update(emails)
      .set({ clickedAt: sql`coalesce(${emails.clickedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(emails.id, email.id));
    const ref = { workspaceId: email.workspaceId, emailId: email.id, datasheetId: email.datasheetId };
    await recordEmailFact(tx, email, emailClicked.create({ ...ref, url, at: now.toISOString() }));
    return url;
  });
}

export interface UnsubscribeTarget {
  address: string;
  workspaceName: string;
  isUnsubscribed: boolean;
}

/** For the confirmation page: whose address the link is for, and whether it already left. */
export async function unsubscribeTarget(db: Db, token: string): Promise<UnsubscribeTarget | null> {
  const verified = verifyTrackingToken("unsubscribe", token);
  if (!verified) return null;
  const [row] = await db
    .select({ address: emails.toAddress, workspaceName: workspaces.name, suppressedAt: emailSuppressions.createdAt })
    .from(emails)
    .innerJoin(workspaces, eq(workspaces.id, emails.workspaceId))
    .leftJoin(
      emailSuppressions,
      and(eq(emailSuppressions.workspaceId, emails.workspaceId), eq(emailSuppressions.address, sql`lower(${emails.toAddress})`)),
    )
    .where(eq(emails.id, verified.emailId));
  if (!row) return null;
  return { address: row.address, workspaceName: row.workspaceName, isUnsubscribed: row.suppressedAt !== null };
}

/**
 * One-click unsubscribe (RFC 8058 POST, or the confirmation page's button): the address gets no
 * more marketing mail from this workspace. A second time changes nothing and emits nothing.
 */
export async function unsubscribe(db: Db, token: string, now = new Date()): Promise<{ address: string } | null> {
  const verified = verifyTrackingToken("unsubscribe", token);
  if (!verified) return null;
  return db.transaction(async (tx) => {
    const email = await emailOf(tx, verified.emailId);
    if (!email) return null;
    const address = email.toAddress.toLowerCase();
    const added = await tx
      .insert(emailSuppressions)
      .values({ workspaceId: email.workspaceId, address, reason: "unsubscribed", emailId: email.id, createdAt: now })
      .onConflictDoNothing()
      .returning({ address: emailSuppressions.address });
    if (added.length) {
      await tx.insert(emailEvents).values({ workspaceId: email.workspaceId, emailId: email.id, type: "unsubscribed", at: now });
      const ref = { workspaceId: email.workspaceId, emailId: email.id, datasheetId: email.datasheetId };
      await recordEmailFact(tx, email, emailUnsubscribed.create({ ...ref, address, at: now.toISOString() }), { address });
    }
    return { address };
  });
}
