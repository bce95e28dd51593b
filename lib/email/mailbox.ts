import "server-only";
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { datasheets, emailEvents, emails, users, type Email, type EmailEvent, type EmailStatus } from "@/db/schema";
import { can, type UserActor } from "@/lib/auth/permissions";
import { getVisibleDatasheet, visibleDatasheets } from "@/lib/datasheets/access";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { emailDelivery } from "./config";
import { withoutOpenPixel } from "./links";

/**
 * The mailbox: every email the app stored. Admins and managers see the whole workspace's; anyone
 * else the emails they sent or received (as the sender or recipient user, or at their address).
 * An email out of reach is "not found", the same as a missing one.
 */
async function visibleTo(actor: UserActor): Promise<SQL> {
  const inWorkspace = eq(emails.workspaceId, actor.workspaceId);
  if (can(actor, "email.readAll")) return inWorkspace;
  return and(inWorkspace, await ownEmails(actor))!;
}

/** The emails someone sent or received (as the sender or recipient user, or at their address). */
async function ownEmails(actor: UserActor): Promise<SQL> {
  const db = await getDb();
  const [me] = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.id, actor.userId), eq(users.workspaceId, actor.workspaceId)));
  const own = [eq(emails.senderUserId, actor.userId), eq(emails.recipientUserId, actor.userId)];
  if (me) own.push(sql`lower(${emails.toAddress}) = ${me.email.toLowerCase()}`);
  return or(...own)!;
}

export interface MailboxEntry {
  id: string;
  kind: "transactional" | "marketing";
  template: string;
  toAddress: string;
  subject: string;
  status: EmailStatus;
  createdAt: Date;
  sentAt: Date | null;
  openedAt: Date | null;
  clickedAt: Date | null;
}

export interface MailboxPage {
  entries: MailboxEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const MAILBOX_PAGE_SIZE = 50;

/** A keyset cursor: the last row's (created_at, id), so paging stays stable while mail arrives. */
function encodeCursor(entry: Pick<MailboxEntry, "createdAt" | "id">): string {
  return Buffer.from(`${entry.createdAt.toISOString()}|${entry.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) return null;
  try {
    assertId(id);
  } catch {
    return null;
  }
  return { createdAt, id };
}

/** Newest first, a page at a time. An unreadable cursor starts from the newest. */
export async function listMailbox(
  actor: UserActor,
  { before, limit = MAILBOX_PAGE_SIZE }: { before?: string; limit?: number } = {},
): Promise<MailboxPage> {
  const db = await getDb();
  const cursor = before ? decodeCursor(before) : null;
  const rows = await db
    .select({
      id: emails.id,
      kind: emails.kind,
      template: emails.template,
      toAddress: emails.toAddress,
      subject: emails.subject,
      status: emails.status,
      createdAt: emails.createdAt,
      sentAt: emails.sentAt,
      openedAt: emails.openedAt,
      clickedAt: emails.clickedAt,
    })
    .from(emails)
    .where(and(await visibleTo(actor), olderThan(cursor)))
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(limit + 1);
  return pageOf(rows, limit);
}

function pageOf<T extends Pick<MailboxEntry, "createdAt" | "id">>(rows: T[], limit: number): { entries: T[]; nextCursor: string | null } {
  const entries = rows.slice(0, limit);
  return { entries, nextCursor: rows.length > limit ? encodeCursor(entries[entries.length - 1]!) : null };
}

/** Older than the cursor's row, in the (created_at, id) order. */
const olderThan = (cursor: { createdAt: Date; id: string } | null) =>
  cursor ? or(lt(emails.createdAt, cursor.createdAt), and(eq(emails.createdAt, cursor.createdAt), lt(emails.id, cursor.id))) : undefined;

export interface StoredEmailEntry extends MailboxEntry {
  datasheetId: string | null;
  automationId: string | null;
  deliveredAt: Date | null;
  bouncedAt: Date | null;
  complainedAt: Date | null;
}

/**
 * The REST API's `GET /emails`: the stored emails, newest first, a page at a time. One
 * datasheet's: any email of it, for whoever may see the datasheet (else "not found"). All: the
 * workspace's for those who may read every email; anyone else's own and those of the datasheets
 * they may see.
 */
export async function listEmails(
  actor: UserActor,
  { datasheetId, before, limit = MAILBOX_PAGE_SIZE }: { datasheetId?: string; before?: string; limit?: number } = {},
): Promise<{ entries: StoredEmailEntry[]; nextCursor: string | null }> {
  const db = await getDb();
  const inWorkspace = eq(emails.workspaceId, actor.workspaceId);
  let visible: SQL;
  if (datasheetId) visible = and(inWorkspace, eq(emails.datasheetId, (await getVisibleDatasheet(db, actor, datasheetId)).id))!;
  else if (can(actor, "email.readAll")) visible = inWorkspace;
  else {
    const ofVisibleDatasheets = inArray(emails.datasheetId, db.select({ id: datasheets.id }).from(datasheets).where(visibleDatasheets(actor)));
    visible = and(inWorkspace, or(await ownEmails(actor), ofVisibleDatasheets))!;
  }
  const rows = await db
    .select({
      id: emails.id,
      datasheetId: emails.datasheetId,
      automationId: emails.automationId,
      kind: emails.kind,
      template: emails.template,
      toAddress: emails.toAddress,
      subject: emails.subject,
      status: emails.status,
      createdAt: emails.createdAt,
      sentAt: emails.sentAt,
      deliveredAt: emails.deliveredAt,
      openedAt: emails.openedAt,
      clickedAt: emails.clickedAt,
      bouncedAt: emails.bouncedAt,
      complainedAt: emails.complainedAt,
    })
    .from(emails)
    .where(and(visible, olderThan(before ? decodeCursor(before) : null)))
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(limit + 1);
  return pageOf(rows, limit);
}

export interface MailboxEmail extends MailboxEntry {
  fromAddress: string;
  replyTo: string | null;
  text: string;
  headers: Record<string, string>;
  providerId: string | null;
  attempts: number;
  error: string | null;
  deliveredAt: Date | null;
  bouncedAt: Date | null;
  complainedAt: Date | null;
  events: Pick<EmailEvent, "id" | "type" | "url" | "at">[];
  /** A one-time link for someone else: only its envelope is shown (see canReadBody). */
  isBodyHidden: boolean;
}

/** Emails whose body is a one-time link into someone's account. */
const personalLinkTemplates: ReadonlySet<string> = new Set(["invitation", "password-reset"]);

/**
 * Who may read an email's body. A one-time link (invitation, password reset) lets whoever holds it
 * into its recipient's account, so its body is for the recipient — and, while emails only go to
 * the built-in outbox and the mailbox is the one place the link can be read, for administrators,
 * who can set up any account anyway. Nobody else who may list the email (a manager, say) sees it:
 * otherwise a manager could take over an administrator's account through a reset link.
 */
function canReadBody(actor: UserActor, row: Pick<Email, "template" | "recipientUserId">): boolean {
  if (!personalLinkTemplates.has(row.template) || row.recipientUserId === actor.userId) return true;
  return emailDelivery() === "outbox" && can(actor, "settings.manage");
}

async function findVisible(actor: UserActor, emailId: string) {
  assertId(emailId);
  const db = await getDb();
  const [row] = await db
    .select()
    .from(emails)
    .where(and(eq(emails.id, emailId), await visibleTo(actor)));
  if (!row) throw new NotFoundError();
  return row;
}

/** One email with its history (sent, delivered, opens, clicks …), for the mailbox's detail. */
export async function getMailboxEmail(actor: UserActor, emailId: string): Promise<MailboxEmail> {
  const row = await findVisible(actor, emailId);
  const db = await getDb();
  const events = await db
    .select({ id: emailEvents.id, type: emailEvents.type, url: emailEvents.url, at: emailEvents.at })
    .from(emailEvents)
    .where(and(eq(emailEvents.emailId, row.id), eq(emailEvents.workspaceId, actor.workspaceId)))
    .orderBy(asc(emailEvents.at), asc(emailEvents.id));
  const { html: _html, ...rest } = row;
  const isBodyHidden = !canReadBody(actor, row);
  return { ...rest, text: isBodyHidden ? "" : rest.text, isBodyHidden, events };
}

/** The stored HTML as the mailbox frames it: without the open pixel, so reading is no "open". */
export async function getMailboxHtml(actor: UserActor, emailId: string): Promise<string> {
  const row = await findVisible(actor, emailId);
  if (!canReadBody(actor, row)) throw new NotFoundError();
  return withoutOpenPixel(row.html);
}
