import { describe, expect, it } from "vitest";
import { attemptLogin, type LoginResult } from "@/lib/auth/login";
import { UNKNOWN_ADDRESS } from "@/lib/auth/client-ip";
import { lockedUntil, recordAttempt } from "@/lib/auth/throttle";
import { createUser, createWorkspace, uniqueEmail, uniqueSuffix } from "../../factories";
import { describeEachBackend } from "../../support/db";

const ip = () => `ip-${uniqueSuffix()}`;
// The sign-in policy: 10 failures within 15 minutes lock an account for the address they came from
// (or an address, against any accounts) for 15 minutes; 100 lock the account for new addresses.
const FAILURES_BEFORE_LOCK = 10;
const ACCOUNT_CEILING = 100;
const FIFTEEN_MINUTES = 15 * 60 * 1000;
const at = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);

describeEachBackend("attemptLogin", ({ db, openAnotherConnection }) => {
  const login = (email: string, password: string, from: string, now?: Date): Promise<LoginResult> => attemptLogin(db(), { email, password, ip: from }, now);

  describe("credentials", () => {
    it("accepts the right password and reports the session version", async () => {
      const { users, password } = await createWorkspace();
      expect(await login(users.normal.email, password, ip())).toEqual({
        ok: true,
        userId: users.normal.id,
        sessionVersion: 1,
      });
    });

    it("gives the same answer for a wrong password, an unknown email and a deactivated user", async () => {
      const { users, password, workspace } = await createWorkspace();
      const deactivated = await createUser(workspace.id, { role: "normal", isActive: false });
      const answers = [
        await login(users.normal.email, "wrong-password-123", ip()),
        await login(uniqueEmail("nobody"), password, ip()),
        await login(deactivated.email, password, ip()),
      ];
      expect(answers).toEqual([
        { ok: false, reason: "invalid" },
        { ok: false, reason: "invalid" },
        { ok: false, reason: "invalid" },
      ]);
    });

    it("treats the email case-insensitively and ignores surrounding spaces", async () => {
      const { users, password } = await createWorkspace();
      expect(await login(`  ${users.manager.email.toUpperCase()} `, password, ip())).toMatchObject({
        ok: true,
        userId: users.manager.id,
      });
    });
  });

  describe("throttling", () => {
    it(`locks an account for an address after ${FAILURES_BEFORE_LOCK} failures from it, for 15 minutes, and for that address only`, async () => {
      const { users, password } = await createWorkspace();
      const email = users.normal.email;
      const attacker = ip();
      const start = new Date();
      const answers: LoginResult[] = [];
      for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) {
        // Mixed case too: the count is per account, not per spelling.
        answers.push(await login(i % 2 ? email.toUpperCase() : email, `wrong-${i}-password`, attacker, at(start, i)));
      }
      expect(answers.slice(0, -1).every((a) => a.ok === false && a.reason === "invalid")).toBe(true);
      const lockedAt = at(start, FAILURES_BEFORE_LOCK - 1);
      const until = new Date(lockedAt.getTime() + FIFTEEN_MINUTES);
      expect(answers.at(-1)).toEqual({ ok: false, reason: "locked", until });

      // Even the right password is refused from that address until the lock ends…
      const duringLock = at(lockedAt, 14 * 60);
      expect(await login(email, password, attacker, duringLock)).toEqual({ ok: false, reason: "locked", until });
      // …while the owner signs in from theirs, and the lock does not move.
      expect(await login(email, password, ip(), duringLock)).toMatchObject({ ok: true, userId: users.normal.id });
      expect(await login(email, "still-guessing", attacker, duringLock)).toEqual({ ok: false, reason: "locked", until });

      expect(await login(email, password, attacker, until)).toMatchObject({ ok: true, userId: users.normal.id });
    });

    it(`locks an address after ${FAILURES_BEFORE_LOCK} failures against different accounts`, async () => {
      const { users, password } = await createWorkspace();
      const attacker = ip();
      const start = new Date();
      const answers: LoginResult[] = [];
      for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) {
        answers.push(await login(uniqueEmail("guess"), "guessed-password", attacker, at(start, i)));
      }
      expect(answers.slice(0, -1).every((a) => !a.ok && a.reason === "invalid")).toBe(true);
      expect(answers.at(-1)).toMatchObject({ ok: false, reason: "locked" });

      const later = at(start, 60);
      expect(await login(users.normal.email, password, attacker, later)).toMatchObject({ ok: false, reason: "locked" });
      // The account itself is fine from anywhere else.
      expect(await login(users.normal.email, password, ip(), later)).toMatchObject({ ok: true });
    });

    // The rest record attempts directly (argon2 makes every attemptLogin cost tens of ms).
    it(`locks an account guessed from many addresses (${ACCOUNT_CEILING} failures) for new addresses, not for one its owner signs in from`, async () => {
      const { users, password } = await createWorkspace();
      const email = users.manager.email;
      const ownersAddress = ip();
      const start = new Date();
      expect(await login(email, password, ownersAddress, start)).toMatchObject({ ok: true });
      // A botnet: each address stays under its own limit.
      for (let i = 0; i < ACCOUNT_CEILING - 1; i++) {
        await recordAttempt(db(), { email, ip: `bot-${uniqueSuffix()}`, isSuccess: false }, at(start, 60 + i));
      }
      expect(await lockedUntil(db(), email, ip(), at(start, 200))).toBeNull();
      await recordAttempt(db(), { email, ip: ip(), isSuccess: false }, at(start, 200));

      const later = at(start, 260);
      expect(await login(email, password, ip(), later)).toEqual({ ok: false, reason: "locked", until: new Date(at(start, 200).getTime() + FIFTEEN_MINUTES) });
      expect(await login(email, password, ownersAddress, later)).toMatchObject({ ok: true, userId: users.manager.id });
    });

    // Without a known address (no proxy configured) the account's own count is what locks: a
    // known address is locked by the address rule, which does not start again.
    it("starts an account's count again after a successful sign-in", async () => {
      const { users, password } = await createWorkspace();
      const email = users.restricted.email;
      const from = UNKNOWN_ADDRESS;
      const start = new Date();
      let second = 0;
      const record = (isSuccess: boolean) => recordAttempt(db(), { email, ip: from, isSuccess }, at(start, second++));

      for (let i = 0; i < FAILURES_BEFORE_LOCK - 1; i++) await record(false);
      await record(true);
      for (let i = 0; i < FAILURES_BEFORE_LOCK - 1; i++) await record(false);
      expect(await lockedUntil(db(), email, from, at(start, second))).toBeNull();
      expect(await login(email, password, from, at(start, second++))).toMatchObject({ ok: true });

      // The count did restart, and still counts.
      for (let i = 0; i < FAILURES_BEFORE_LOCK - 1; i++) await record(false);
      expect(await login(email, "not-my-password", from, at(start, second))).toMatchObject({ ok: false, reason: "locked" });
    });

    it("treats every request as one address when none can be known (no proxy configured)", async () => {
      const { users, password } = await createWorkspace();
      const start = new Date();
      // Failures against many accounts lock none of the others: that would lock everybody out.
      for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) {
        await recordAttempt(db(), { email: uniqueEmail("guess"), ip: UNKNOWN_ADDRESS, isSuccess: false }, at(start, i));
      }
      expect(await login(users.normal.email, password, UNKNOWN_ADDRESS, at(start, 20))).toMatchObject({ ok: true });
      // One account's failures lock it, for everybody: no address tells its owner from the guesser.
      for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) {
        await recordAttempt(db(), { email: users.manager.email, ip: UNKNOWN_ADDRESS, isSuccess: false }, at(start, 30 + i));
      }
      expect(await login(users.manager.email, password, UNKNOWN_ADDRESS, at(start, 60))).toMatchObject({ ok: false, reason: "locked" });
    });

    it("keeps the lock in the database, where every connection sees it", async () => {
      const email = uniqueEmail("locked");
      const from = ip();
      const start = new Date();
      for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) {
        await recordAttempt(db(), { email, ip: from, isSuccess: false }, at(start, i));
      }

      const other = await openAnotherConnection();
      try {
        const until = await lockedUntil(other.db, email, from, at(start, FAILURES_BEFORE_LOCK));
        expect(until).toEqual(new Date(at(start, FAILURES_BEFORE_LOCK - 1).getTime() + FIFTEEN_MINUTES));
        expect(await lockedUntil(other.db, email, ip(), at(start, FAILURES_BEFORE_LOCK))).toBeNull();
        expect(await lockedUntil(other.db, uniqueEmail("free"), ip(), at(start, FAILURES_BEFORE_LOCK))).toBeNull();
      } finally {
        await other.close();
      }
    });
  });
});
