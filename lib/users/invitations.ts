import "server-only";
import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { users, userTokens, workspaces, type User } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { normalizeEmail } from "@/lib/auth/login";
import { hashPassword } from "@/lib/auth/password";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { appUrl } from "@/lib/email/config";
import { queueEmail } from "@/lib/email/send";
import { hashOneTimeToken, newOneTimeToken } from "@/lib/email/tokens";
import { DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { formatName } from "./names";
import type { SetPasswordInput } from "./schemas";

/**
 * Invitations (a new user chooses their first password) and password resets: one-time links
 * whose token is stored only as its SHA-256. A link works once, before it expires, for an active
 * user; issuing a new one retires the older ones, and setting a password retires them all.
 */
export const INVITATION_TTL_DAYS = 7;
export const RESET_TTL_MINUTES = 60;
/** Reset emails per account per hour: enough for a lost email, too few to flood an inbox. */
export const RESET_LIMIT_PER_HOUR = 3;

type Purpose = "invitation" | "password_reset";

async function issueToken(
  tx: Tx,
  user: Pick<User, "id" | "workspaceId">,
  purpose: Purpose,
  createdByUserId: string | null,
  now: Date,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, user.id), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
  const token = newOneTimeToken();
  const ttl = purpose === "invitation" ? INVITATION_TTL_DAYS * 24 * 60 : RESET_TTL_MINUTES;
  const expiresAt = new Date(now.getTime() + ttl * 60_000);
  const [row] = await tx
    .insert(userTokens)
    .values({ workspaceId: user.workspaceId, userId: user.id, purpose, tokenHash: hashOneTimeToken(token), expiresAt, createdByUserId, createdAt: now })
    .returning({ id: userTokens.id });
  return { id: row!.id, token, expiresAt };
}

type Invitee = Pick<User, "id" | "workspaceId" | "email" | "familyName" | "givenName" | "locale">;

/** Issues an invitation link and queues its email, inside the transaction that needs it. */
export async function inviteUser(tx: Tx, actor: UserActor, invitee: Invitee, now = new Date()): Promise<{ emailId: string }> {
  const [context] = await tx
    .select({
      workspaceName: workspaces.name,
      workspaceLocale: workspaces.locale,
      inviterFamilyName: users.familyName,
      inviterGivenName: users.givenName,
      signature: users.signature,
    })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(and(eq(users.id, actor.userId), eq(users.workspaceId, actor.workspaceId)));
  if (!context) throw new NotFoundError();
  const locale = invitee.locale ?? context.workspaceLocale;
  const { id, token } = await issueToken(tx, invitee, "invitation", actor.userId, now);
  const { id: emailId } = await queueEmail(tx, {
    workspaceId: actor.workspaceId,
    idempotencyKey: `invitation/${id}`,
    to: invitee.email,
    senderUserId: actor.userId,
    recipientUserId: invitee.id,
    template: {
      name: "invitation",
      props: {
        locale,
        workspaceName: context.workspaceName,
        inviterName: formatName({ familyName: context.inviterFamilyName, givenName: context.inviterGivenName }, locale),
        recipientName: formatName(invitee, locale),
        acceptUrl: `${appUrl()}/invite/${token}`,
        expiresInDays: INVITATION_TTL_DAYS,
        signature: context.signature,
      },
    },
  });
  return { emailId };
}

/** Settings → Users: a new link for a user who has not chosen a password yet (admins only). */
export async function resendInvitation(actor: UserActor, userId: string, now = new Date()): Promise<void> {
  assertCan(actor, "settings.manage");
  assertId(userId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.workspaceId, actor.workspaceId)))
      .for("update");
    if (!user) throw new NotFoundError();
    if (user.passwordHash) throw new DomainError("invitationAccepted");
    if (!user.isActive) throw new DomainError("invitationDeactivated");
    await inviteUser(tx, actor, user, now);
    await recordAudit(tx, actor, { workspaceId: actor.workspaceId, action: "user.invitation_resent", subjectId: userId });
  });
}

/**
 * "Forgot password?": queues a reset link for an active account with this address. The caller
 * answers the same whatever happens here, so nobody learns whether an address has an account.
 * Throttled per account (RESET_LIMIT_PER_HOUR), so nobody can flood an inbox. A sign-in lock does
 * not stop it: the owner of an account locked by someone guessing its password needs it most.
 */
export async function requestPasswordReset(input: { email: string }, now = new Date()): Promise<void> {
  const email = normalizeEmail(input.email);
  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      workspaceId: users.workspaceId,
      email: users.email,
      familyName: users.familyName,
      givenName: users.givenName,
      locale: users.locale,
      workspaceName: workspaces.name,
      workspaceLocale: workspaces.locale,
    })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(and(eq(sql`lower(${users.email})`, email), eq(users.isActive, true)));
  if (!user) return;
  await db.transaction(async (tx) => {
    // The user's row is the queue: two requests at once cannot both slip under the limit.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for("update");
    const [recent] = await tx
      .select({ n: count() })
      .from(userTokens)
      .where(
        and(
          eq(userTokens.userId, user.id),
          eq(userTokens.purpose, "password_reset"),
          gt(userTokens.createdAt, new Date(now.getTime() - 60 * 60_000)),
        ),
      );
    if ((recent?.n ?? 0) >= RESET_LIMIT_PER_HOUR) return;
    const locale = user.locale ?? user.workspaceLocale;
    const { id, token } = await issueToken(tx, user, "password_reset", null, now);
    await queueEmail(tx, {
      workspaceId: user.workspaceId,
      idempotencyKey: `password-reset/${id}`,
      to: user.email,
      recipientUserId: user.id,
      template: {
        name: "password-reset",
        props: {
          locale,
          workspaceName: user.workspaceName,
          recipientName: formatName(user, locale),
          resetUrl: `${appUrl()}/reset-password/${token}`,
          expiresInMinutes: RESET_TTL_MINUTES,
        },
      },
    });
  });
}

function usableToken(purpose: Purpose, token: string, now: Date) {
  return and(
    eq(userTokens.tokenHash, hashOneTimeToken(token)),
    eq(userTokens.purpose, purpose),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, now),
    eq(users.isActive, true),
  );
}

/** Whom a link is for, while it still works; null for a wrong, used or expired link. */
export async function findTokenHolder(
  purpose: Purpose,
  token: string,
  now = new Date(),
): Promise<{ email: string; givenName: string; familyName: string } | null> {
  if (!token || token.length > 200) return null;
  const db = await getDb();
  const [row] = await db
    .select({ email: users.email, givenName: users.givenName, familyName: users.familyName })
    .from(userTokens)
    .innerJoin(users, and(eq(users.id, userTokens.userId), eq(users.workspaceId, userTokens.workspaceId)))
    .where(usableToken(purpose, token, now));
  return row ?? null;
}

/**
 * Sets the password through a link: once. Every other session of the user ends (the session
 * version moves on) and every other open link of theirs stops working. Returns the login, so the
 * page can sign the user in.
 */
export async function setPasswordWithToken(purpose: Purpose, input: SetPasswordInput, now = new Date()): Promise<{ email: string }> {
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ tokenId: userTokens.id, userId: users.id, workspaceId: users.workspaceId, email: users.email })
      .from(userTokens)
      .innerJoin(users, and(eq(users.id, userTokens.userId), eq(users.workspaceId, userTokens.workspaceId)))
      .where(usableToken(purpose, input.token, now))
      .for("update", { of: userTokens });
    if (!row) throw new DomainError("linkInvalid");
    if (input.password.trim().toLowerCase() === row.email.toLowerCase()) {
      throw new ValidationError({ password: "passwordIsEmail" });
    }
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(eq(users.id, row.userId));
    await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.userId, row.userId), isNull(userTokens.usedAt)));
    await recordAudit(tx, null, {
      workspaceId: row.workspaceId,
      action: purpose === "invitation" ? "user.invitation_accepted" : "user.password_reset",
      subjectId: row.userId,
    });
    return { email: row.email };
  });
}
