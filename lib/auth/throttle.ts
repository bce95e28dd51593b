import "server-only";
import { and, eq, gt, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginAttempts, loginLocks } from "@/db/schema";
import { UNKNOWN_ADDRESS } from "./client-ip";

/**
 * The sign-in policy (OWASP ASVS V6: slow guessing down without letting anyone lock a user out),
 * counted over WINDOW_MS, each lock lasting LOCK_MS:
 * - an address: MAX_FAILURES failures against any accounts lock that address, for every account —
 *   the guesser's address, not the owner's;
 * - an account from an address: MAX_FAILURES failures since that address last signed in to it lock
 *   the account for that address only. It is what applies when addresses cannot be told apart
 *   (every request is UNKNOWN_ADDRESS without a configured proxy): then it locks the account for
 *   everybody, and the address rule is not applied, as it would lock every account;
 * - an account from everywhere: ACCOUNT_CEILING failures lock it for every address that has not
 *   signed in to it in the last ATTEMPTS_KEPT_DAYS — a backstop against guessing from many
 *   addresses that still lets its owner in from theirs.
 * So a guesser gets MAX_FAILURES tries per WINDOW_MS per address, as before, and their failures
 * stop nobody else.
 */
export const MAX_FAILURES = 10;
export const ACCOUNT_CEILING = 100;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

/** Attempts are kept this long: far beyond the throttling window, for the record and for knowing an account's usual addresses. */
export const ATTEMPTS_KEPT_DAYS = 30;

/** The lock key of an account tried from an address (an address never holds a "|", an email may). */
function pairKey(email: string, ip: string): string {
  return `${ip}|${email}`;
}

/** Whether this address signed in to this account within ATTEMPTS_KEPT_DAYS. */
function isKnownAddress(email: string, ip: string, now: Date): SQL {
  if (ip === UNKNOWN_ADDRESS) return sql`false`;
  const since = new Date(now.getTime() - ATTEMPTS_KEPT_DAYS * 24 * 60 * 60 * 1000);
  return sql`exists (select 1 from ${loginAttempts} where ${loginAttempts.email} = ${email} and ${loginAttempts.ip} = ${ip}
    and ${loginAttempts.isSuccess} and ${loginAttempts.at} > ${since.toISOString()}::timestamptz)`;
}

/** The time until which sign-in to this account from this address is refused, if any. */
export async function lockedUntil(db: Db, email: string, ip: string, now = new Date()): Promise<Date | null> {
  const applying = [
    and(eq(loginLocks.kind, "pair"), eq(loginLocks.key, pairKey(email, ip))),
    ip === UNKNOWN_ADDRESS ? undefined : and(eq(loginLocks.kind, "ip"), eq(loginLocks.key, ip)),
    and(eq(loginLocks.kind, "email"), eq(loginLocks.key, email), sql`not ${isKnownAddress(email, ip, now)}`),
  ];
  const rows = await db
    .select({ lockedUntil: loginLocks.lockedUntil })
    .from(loginLocks)
    .where(and(gt(loginLocks.lockedUntil, now), or(...applying)));
  const times = rows.map((r) => r.lockedUntil.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/** Records an attempt; a failure that reaches a limit of the policy above sets its lock. */
export async function recordAttempt(db: Db, attempt: { email: string; ip: string; isSuccess: boolean }, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ ...attempt, at: now });
    if (attempt.isSuccess) return;
    const { email, ip } = attempt;
    const since = new Date(now.getTime() - WINDOW_MS);
    // A pair's count starts again after it signs in; an address's does not, or one valid account
    // would let an address try passwords for all the others; nor does an account's ceiling, or
    // its owner signing in would reopen it to the guessers.
    const pairSuccess = sql`coalesce((select max(${loginAttempts.at}) from ${loginAttempts} where ${loginAttempts.email} = ${email}
      and ${loginAttempts.ip} = ${ip} and ${loginAttempts.isSuccess}), '-infinity'::timestamptz)`;
    const [counts] = await tx
      .select({
        pair: sql<number>`count(*) filter (where ${loginAttempts.email} = ${email} and ${loginAttempts.ip} = ${ip} and ${loginAttempts.at} > ${pairSuccess})`.mapWith(
          Number,
        ),
        ip: sql<number>`count(*) filter (where ${loginAttempts.ip} = ${ip})`.mapWith(Number),
        email: sql<number>`count(*) filter (where ${loginAttempts.email} = ${email})`.mapWith(Number),
      })
      .from(loginAttempts)
      .where(and(or(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip)), eq(loginAttempts.isSuccess, false), gt(loginAttempts.at, since)));
    const locks: { kind: "pair" | "ip" | "email"; key: string }[] = [];
    if ((counts?.pair ?? 0) >= MAX_FAILURES) locks.push({ kind: "pair", key: pairKey(email, ip) });
    if (ip !== UNKNOWN_ADDRESS && (counts?.ip ?? 0) >= MAX_FAILURES) locks.push({ kind: "ip", key: ip });
    if ((counts?.email ?? 0) >= ACCOUNT_CEILING) locks.push({ kind: "email", key: email });
    if (!locks.length) return;
    const until = new Date(now.getTime() + LOCK_MS);
    await tx
      .insert(loginLocks)
      .values(locks.map((lock) => ({ ...lock, lockedUntil: until })))
      .onConflictDoUpdate({ target: [loginLocks.kind, loginLocks.key], set: { lockedUntil: until } });
  });
}

/** Forgets attempts older than ATTEMPTS_KEPT_DAYS and locks that have run out (a daily job). */
export async function pruneLoginAttempts(db: Db, now = new Date()): Promise<{ attempts: number; locks: number }> {
  const before = new Date(now.getTime() - ATTEMPTS_KEPT_DAYS * 24 * 60 * 60 * 1000);
  return db.transaction(async (tx) => {
    const attempts = await tx.delete(loginAttempts).where(lt(loginAttempts.at, before)).returning({ id: loginAttempts.id });
    const locks = await tx.delete(loginLocks).where(lt(loginLocks.lockedUntil, now)).returning({ key: loginLocks.key });
    return { attempts: attempts.length, locks: locks.length };
  });
}
