import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { burnPasswordCheck, verifyPassword } from "./password";
import { lockedUntil, recordAttempt } from "./throttle";

export type LoginResult =
  | { ok: true; userId: string; sessionVersion: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Checks a password sign-in. Wrong email, wrong password and a deactivated account look alike. */
export async function attemptLogin(
  db: Db,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const until = await lockedUntil(db, email, input.ip, now);
  if (until) return { ok: false, reason: "locked", until };

  const [user] = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      isActive: users.isActive,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));

  let isValid = false;
  if (user?.passwordHash && user.isActive) isValid = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);

  await recordAttempt(db, { email, ip: input.ip, isSuccess: isValid }, now);
  if (!isValid || !user) {
    const lockedNow = await lockedUntil(db, email, input.ip, now);
    return lockedNow ? { ok: false, reason: "locked", until: lockedNow } : { ok: false, reason: "invalid" };
  }
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}
