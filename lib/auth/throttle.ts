import "server-only";
import { and, count, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginAttempts, loginLocks } from "@/db/schema";

export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

export type LockKey = { kind: "email" | "ip"; key: string };

function keysFor(email: string, ip: string): LockKey[] {
  return [
    { kind: "email", key: email },
    { kind: "ip", key: ip },
  ];
}

/** The time until which sign-in for this email or from this address is refused, if any. */
export async function lockedUntil(db: Db, email: string, ip: string, now = new Date()): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: loginLocks.lockedUntil })
    .from(loginLocks)
    .where(
      and(
        gt(loginLocks.lockedUntil, now),
        sql`(${loginLocks.kind}, ${loginLocks.key}) in ((${"email"}, ${email}), (${"ip"}, ${ip}))`,
      ),
    );
  const times = rows.map((r) => r.lockedUntil.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * Records an attempt. A failure that brings an account or an address to MAX_FAILURES within the
 * window locks it for LOCK_MS.
 */
export async function recordAttempt(
  db: Db,
  attempt: { email: string; ip: string; isSuccess: boolean },
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ ...attempt, at: now });
    if (attempt.isSuccess) return;
    const since = new Date(now.getTime() - WINDOW_MS);
    for (const { kind, key } of keysFor(attempt.email, attempt.ip)) {
      const column = kind === "email" ? loginAttempts.email : loginAttempts.ip;
      const lastSuccess = tx
        .select({ at: sql`max(${loginAttempts.at})` })
        .from(loginAttempts)
        .where(and(eq(column, key), eq(loginAttempts.isSuccess, true)));
      const [row] = await tx
        .select({ failures: count() })
        .from(loginAttempts)
        .where(
          and(
            eq(column, key),
            eq(loginAttempts.isSuccess, false),
            gt(loginAttempts.at, since),
            // An account's count starts again after a successful sign-in; an address's does not,
            // or one valid account would let an address try passwords for all the others.
            kind === "email"
              ? sql`${loginAttempts.at} > coalesce((${lastSuccess}), '-infinity'::timestamptz)`
              : undefined,
          ),
        );
      if ((row?.failures ?? 0) >= MAX_FAILURES) {
        const until = new Date(now.getTime() + LOCK_MS);
        await tx
          .insert(loginLocks)
          .values({ kind, key, lockedUntil: until })
          .onConflictDoUpdate({ target: [loginLocks.kind, loginLocks.key], set: { lockedUntil: until } });
      }
    }
  });
}

/** Attempts are kept this long: far beyond the throttling window, for the record. */
export const ATTEMPTS_KEPT_DAYS = 30;

/** Forgets attempts older than ATTEMPTS_KEPT_DAYS and locks that have run out (a daily job). */
export async function pruneLoginAttempts(db: Db, now = new Date()): Promise<{ attempts: number; locks: number }> {
  const before = new Date(now.getTime() - ATTEMPTS_KEPT_DAYS * 24 * 60 * 60 * 1000);
  return db.transaction(async (tx) => {
    const attempts = await tx.delete(loginAttempts).where(lt(loginAttempts.at, before)).returning({ id: loginAttempts.id });
    const locks = await tx.delete(loginLocks).where(lt(loginLocks.lockedUntil, now)).returning({ key: loginLocks.key });
    return { attempts: attempts.length, locks: locks.length };
  });
}
