import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, emails, loginLocks, users, userTokens } from "@/db/schema";
import { attemptLogin } from "@/lib/auth/login";
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  findTokenHolder,
  INVITATION_TTL_DAYS,
  requestPasswordReset,
  resendInvitation,
  RESET_LIMIT_PER_HOUR,
  RESET_TTL_MINUTES,
  setPasswordWithToken,
} from "@/lib/users/invitations";
import { createUser, setUserActive } from "@/lib/users/mutations";
import { createUser as createTestUser, createWorkspace, uniqueEmail, uniqueSuffix } from "../../factories";
import { describeEachBackend } from "../../support/db";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NEW_PASSWORD = "chosen-by-the-user-1";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
  throw new Error("expected the call to be refused");
}

describeEachBackend("invitations and password resets", ({ db }) => {
  beforeEach(() => {
    vi.stubEnv("AUTH_SECRET", "invitation-tests-secret");
    vi.stubEnv("APP_URL", "https://crm.example.test/");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const rowOf = async (userId: string) => (await db().select().from(users).where(eq(users.id, userId)))[0]!;
  const mailTo = (userId: string, template: string) =>
    db()
      .select()
      .from(emails)
      .where(and(eq(emails.recipientUserId, userId), eq(emails.template, template)))
      .orderBy(emails.createdAt);
  /** The token of the latest link of that kind, read from the email as the user would. */
  async function linkToken(userId: string, template: "invitation" | "password-reset"): Promise<string> {
    const sent = await mailTo(userId, template);
    const path = template === "invitation" ? "invite" : "reset-password";
    const match = sent.at(-1)!.text.match(new RegExp(`https://crm\\.example\\.test/${path}/([A-Za-z0-9_-]+)`));
    expect(match, "the email carries the link").not.toBeNull();
    return match![1]!;
  }
  const login = (email: string, password: string) => attemptLogin(db(), { email, password, ip: `inv-${uniqueSuffix()}` });

  async function invited() {
    const ws = await createWorkspace();
    const email = uniqueEmail("invitee");
    const { id } = await createUser(ws.actors.admin, { familyName: "Új", givenName: "Zsófia", email, role: "normal" });
    return { ...ws, userId: id, email, token: await linkToken(id, "invitation") };
  }

  describe("the invitation", () => {
    it("is an email from the inviting admin with a one-time link; only the token's SHA-256 is stored", async () => {
      const { userId, email, token, actors, workspace } = await invited();
      const [mail] = await mailTo(userId, "invitation");
      expect(mail).toMatchObject({ toAddress: email, senderUserId: actors.admin.userId, workspaceId: workspace.id, kind: "transactional" });
      expect(mail!.html).toContain(`https://crm.example.test/invite/${token}`);
      expect(token.length).toBeGreaterThanOrEqual(43);
      const tokens = await db().select().from(userTokens).where(eq(userTokens.userId, userId));
      expect(tokens).toHaveLength(1);
      expect(tokens[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
      expect(JSON.stringify(tokens)).not.toContain(token);
      expect(tokens[0]!.expiresAt.getTime() - tokens[0]!.createdAt.getTime()).toBe(INVITATION_TTL_DAYS * DAY);
    });

    it("sets the password once: the user can sign in, other sessions end, and the link is spent", async () => {
      const { userId, email, token, workspace } = await invited();
      expect(await findTokenHolder("invitation", token)).toMatchObject({ email, givenName: "Zsófia" });
      const versionBefore = (await rowOf(userId)).sessionVersion;

      expect(await setPasswordWithToken("invitation", { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toEqual({ email });

      expect(await login(email, NEW_PASSWORD)).toMatchObject({ ok: true, userId });
      expect((await rowOf(userId)).sessionVersion).toBe(versionBefore + 1);
      expect(await findTokenHolder("invitation", token)).toBeNull();
      expect(await codeOf(setPasswordWithToken("invitation", { token, password: "another-password-2", confirmPassword: "another-password-2" }))).toBe(
        "linkInvalid",
      );
      expect(await login(email, "another-password-2")).toMatchObject({ ok: false });
      const audit = await db().select().from(auditLog).where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.subjectId, userId)));
      expect(audit.map((a) => a.action)).toContain("user.invitation_accepted");
    });

    it("does not work after it expires", async () => {
      const { userId, token } = await invited();
      const later = new Date(Date.now() + INVITATION_TTL_DAYS * DAY + MINUTE);
      expect(await findTokenHolder("invitation", token, later)).toBeNull();
      expect(await codeOf(setPasswordWithToken("invitation", { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, later))).toBe(
        "linkInvalid",
      );
      expect((await rowOf(userId)).passwordHash).toBeNull();
      // Still valid a minute before the end.
      expect(await findTokenHolder("invitation", token, new Date(Date.now() + INVITATION_TTL_DAYS * DAY - MINUTE))).not.toBeNull();
    });

    it("a wrong token, or one for the other purpose, does nothing", async () => {
      const { userId, token } = await invited();
      for (const wrong of [token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), "", "x".repeat(300), `${token}x`]) {
        expect(await findTokenHolder("invitation", wrong)).toBeNull();
      }
      expect(await codeOf(setPasswordWithToken("invitation", { token: `${token}x`, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).toBe(
        "linkInvalid",
      );
      expect(await findTokenHolder("password_reset", token)).toBeNull();
      expect(await codeOf(setPasswordWithToken("password_reset", { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).toBe(
        "linkInvalid",
      );
      expect((await rowOf(userId)).passwordHash).toBeNull();
    });

    it("refuses the email address as the password and keeps the link usable", async () => {
      const { email, token } = await invited();
      const attempt = setPasswordWithToken("invitation", { token, password: email.toUpperCase(), confirmPassword: email.toUpperCase() });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ fieldErrors: { password: "passwordIsEmail" } });
      expect(await findTokenHolder("invitation", token)).not.toBeNull();
    });

    it("stops working when the user is deactivated", async () => {
      const { userId, token, actors } = await invited();
      await setUserActive(actors.admin, userId, false);
      expect(await findTokenHolder("invitation", token)).toBeNull();
      expect(await codeOf(setPasswordWithToken("invitation", { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).toBe(
        "linkInvalid",
      );
    });

    it("can be resent by an admin: the new link works and the old one stops", async () => {
      const { userId, token: first, actors, email } = await invited();
      await resendInvitation(actors.admin, userId);
      const second = await linkToken(userId, "invitation");
      expect(second).not.toBe(first);
      expect(await mailTo(userId, "invitation")).toHaveLength(2);
      expect(await findTokenHolder("invitation", first)).toBeNull();
      await setPasswordWithToken("invitation", { token: second, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      expect(await login(email, NEW_PASSWORD)).toMatchObject({ ok: true });
      // Once the password is chosen there is nothing to resend.
      expect(await codeOf(resendInvitation(actors.admin, userId))).toBe("invitationAccepted");
    });

    it("cannot be resent by a non-admin, for another workspace's user, or to a deactivated user", async () => {
      const { userId, actors } = await invited();
      const other = await createWorkspace();
      for (const role of ["manager", "normal", "restricted"] as const) {
        await expect(resendInvitation(actors[role], userId)).rejects.toBeInstanceOf(ForbiddenError);
      }
      await expect(resendInvitation(other.actors.admin, userId)).rejects.toBeInstanceOf(NotFoundError);
      await expect(resendInvitation(actors.admin, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
      await setUserActive(actors.admin, userId, false);
      expect(await codeOf(resendInvitation(actors.admin, userId))).toBe("invitationDeactivated");
      expect(await mailTo(userId, "invitation")).toHaveLength(1);
    });
  });

  describe("password reset", () => {
    it("emails a one-time link that sets a new password and ends every other session", async () => {
      const { workspace, password } = await createWorkspace();
      const user = await createTestUser(workspace.id, { role: "normal" });
      await requestPasswordReset({ email: `  ${user.email.toUpperCase()} ` });
      const [mail] = await mailTo(user.id, "password-reset");
      expect(mail).toMatchObject({ toAddress: user.email, senderUserId: null, subject: "Reset your CRM password" });
      const token = await linkToken(user.id, "password-reset");
      const [stored] = await db().select().from(userTokens).where(eq(userTokens.userId, user.id));
      expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(RESET_TTL_MINUTES * MINUTE);

      await setPasswordWithToken("password_reset", { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });

      expect((await rowOf(user.id)).sessionVersion).toBe(user.sessionVersion + 1);
      expect(await login(user.email, password)).toMatchObject({ ok: false });
      expect(await login(user.email, NEW_PASSWORD)).toMatchObject({ ok: true });
      expect(await codeOf(setPasswordWithToken("password_reset", { token, password: "another-pass-123", confirmPassword: "another-pass-123" }))).toBe(
        "linkInvalid",
      );
    });

    it("expires after its time, and an earlier link stops working when a new one is sent", async () => {
      const { workspace } = await createWorkspace();
      const user = await createTestUser(workspace.id, { role: "manager" });
      await requestPasswordReset({ email: user.email });
      const first = await linkToken(user.id, "password-reset");
      expect(await findTokenHolder("password_reset", first, new Date(Date.now() + RESET_TTL_MINUTES * MINUTE + MINUTE))).toBeNull();
      await requestPasswordReset({ email: user.email });
      const second = await linkToken(user.id, "password-reset");
      expect(await findTokenHolder("password_reset", first)).toBeNull();
      expect(await findTokenHolder("password_reset", second)).toMatchObject({ email: user.email });
    });

    it("answers alike for unknown and deactivated addresses, and sends them nothing", async () => {
      const { workspace, actors } = await createWorkspace();
      const user = await createTestUser(workspace.id, { role: "normal" });
      await setUserActive(actors.admin, user.id, false);
      await expect(requestPasswordReset({ email: uniqueEmail("nobody") })).resolves.toBeUndefined();
      await expect(requestPasswordReset({ email: user.email })).resolves.toBeUndefined();
      expect(await mailTo(user.id, "password-reset")).toEqual([]);
    });

    it(`sends at most ${RESET_LIMIT_PER_HOUR} links an hour per account, even while sign-in is locked`, async () => {
      const { workspace } = await createWorkspace();
      const user = await createTestUser(workspace.id, { role: "normal" });
      for (let i = 0; i < RESET_LIMIT_PER_HOUR + 2; i++) await requestPasswordReset({ email: user.email });
      expect(await mailTo(user.id, "password-reset")).toHaveLength(RESET_LIMIT_PER_HOUR);
      // An hour later it works again.
      await requestPasswordReset({ email: user.email }, new Date(Date.now() + 61 * MINUTE));
      expect(await mailTo(user.id, "password-reset")).toHaveLength(RESET_LIMIT_PER_HOUR + 1);

      // A sign-in lock (someone guessing the password) does not keep the owner from resetting it.
      const locked = await createTestUser(workspace.id, { role: "normal" });
      await db().insert(loginLocks).values({ kind: "email", key: locked.email, lockedUntil: new Date(Date.now() + 10 * MINUTE) });
      await requestPasswordReset({ email: locked.email });
      expect(await mailTo(locked.id, "password-reset")).toHaveLength(1);
    });
  });
});
