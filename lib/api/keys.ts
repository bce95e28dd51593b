import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { apiKeys, apiRequestCounts, users, workspaces, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { createApiKeySchema, type CreateApiKeyInput } from "./schemas";

/*
 * API keys (SPEC §7): `crm_<prefix>_<secret>`. An admin creates one for a user of the workspace;
 * it acts with that user's role and visibility for as long as the user is active and the key is
 * not revoked. Only a SHA-256 of the key is stored: the key is shown once.
 */

const KEY_PATTERN = /^crm_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** Requests a key may make per minute, shared by every process (the count lives in the database). */
export const API_RATE_LIMIT = Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? 600);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function newPrefix(): string {
  // 12 characters of 62: unbiased enough for a lookup handle (the secret carries the strength).
  return Array.from(randomBytes(12), (b) => alphanumeric[b % alphanumeric.length]).join("");
}

export { createApiKeySchema, type CreateApiKeyInput };

/** Makes a key for an active user of the workspace: the row, and the key itself (shown once). */
async function insertKey(db: Db, owner: { id: string; workspaceId: string }, name: string, createdBy: UserActor | null) {
  const prefix = newPrefix();
  const key = `crm_${prefix}_${randomBytes(32).toString("base64url")}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ workspaceId: owner.workspaceId, userId: owner.id, createdByUserId: createdBy?.userId ?? null, name, prefix, hash: sha256(key) })
      .returning({ id: apiKeys.id, createdAt: apiKeys.createdAt });
    await recordAudit(tx, createdBy, { workspaceId: owner.workspaceId, action: "api_key.created", subjectId: row!.id, details: { name, userId: owner.id } });
    return { id: row!.id, key, prefix, createdAt: row!.createdAt };
  });
}

/** Settings → API keys: an admin makes a key that acts as a user of the workspace. */
export async function createApiKey(actor: UserActor, input: CreateApiKeyInput): Promise<{ id: string; key: string }> {
  assertCan(actor, "settings.manage");
  const userId = assertId(input.userId);
  const db = await getDb();
  const [owner] = await db
    .select({ id: users.id, workspaceId: users.workspaceId })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, actor.workspaceId), eq(users.isActive, true)));
  if (!owner) throw new ValidationError({ userId: "userInvalid" });
  const { id, key } = await insertKey(db, owner, input.name, actor);
  return { id, key };
}

/** `npm run api-key`: a key for the user with this login, made by whoever runs the command. */
export async function createApiKeyForEmail(db: Db, email: string, name: string): Promise<{ key: string; user: { email: string; role: Role } }> {
  const [owner] = await db
    .select({ id: users.id, workspaceId: users.workspaceId, email: users.email, role: users.role, isActive: users.isActive })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  if (!owner) throw new Error(`No user signs in with ${email}.`);
  if (!owner.isActive) throw new Error(`${owner.email} is deactivated: a key of theirs would not work.`);
  const { key } = await insertKey(db, owner, name, null);
  return { key, user: { email: owner.email, role: owner.role } };
}

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  owner: { id: string; familyName: string; givenName: string; email: string; isActive: boolean };
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listApiKeys(actor: UserActor): Promise<ApiKeyRow[]> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      ownerId: users.id,
      familyName: users.familyName,
      givenName: users.givenName,
      email: users.email,
      isActive: users.isActive,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.workspaceId, actor.workspaceId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(({ ownerId, familyName, givenName, email, isActive, ...key }) => ({
    ...key,
    owner: { id: ownerId, familyName, givenName, email, isActive },
  }));
}

/** Revokes a key of the workspace at once; revoking a revoked key changes nothing. */
export async function revokeApiKey(actor: UserActor, keyId: string): Promise<void> {
  assertCan(actor, "settings.manage");
  assertId(keyId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [key] = await tx
      .select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.workspaceId, actor.workspaceId)))
      .for("update");
    if (!key) throw new NotFoundError();
    if (key.revokedAt) return;
    await tx.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, keyId));
    await recordAudit(tx, actor, { workspaceId: actor.workspaceId, action: "api_key.revoked", subjectId: keyId });
  });
}

export interface ApiCaller extends UserActor {
  keyId: string;
  locale: "en" | "hu";
}

interface KeyRow {
  keyId: string;
  hash: string;
  /** Whether "last used" is more than a minute old (or unset). */
  lastUsedStale: boolean;
  userId: string;
  workspaceId: string;
  role: Role;
  locale: "en" | "hu";
  /** This minute's requests of the key, this one included (null: not counted). */
  count: number | null;
}

/**
 * The key row a Bearer header names (active owner, not revoked) and, when `countAt` is given and the
 * header's key hashes to it, the request counted in that minute: one statement, the hot path of
 * every API request. A wrong secret for a known prefix counts nothing (no one can use up another's
 * limit), and the caller still compares the hashes in constant time.
 */
async function readKey(key: string, prefix: string, countAt: Date | null): Promise<KeyRow | null> {
  const db = await getDb();
  const hash = sha256(key);
  const counted = countAt ? sql`(select count from counted)` : sql`null::int`;
  const result = await db.execute(sql`
    with k as (
      select k.id, k.hash, (k.last_used_at is null or k.last_used_at < now() - interval '1 minute') as stale,
             u.id as user_id, u.workspace_id, u.role, coalesce(u.locale, w.locale) as locale
        from ${apiKeys} k
        join ${users} u on u.id = k.user_id and u.workspace_id = k.workspace_id and u.is_active
        join ${workspaces} w on w.id = u.workspace_id
       where k.prefix = ${prefix} and k.revoked_at is null
    )${
      countAt
        ? sql`, counted as (
      insert into ${apiRequestCounts} (key_id, window_start, count)
      select id, ${windowOf(countAt).toISOString()}::timestamptz, 1 from k where k.hash = ${hash}
      on conflict (key_id, window_start) do update set count = ${apiRequestCounts}.count + 1
      returning count
    )`
        : sql``
    }
    select id, hash, stale, user_id, workspace_id, role, locale, ${counted} as count from k`);
  const [row] = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  if (!row) return null;
  return {
    keyId: row.id as string,
    hash: row.hash as string,
    lastUsedStale: Boolean(row.stale),
    userId: row.user_id as string,
    workspaceId: row.workspace_id as string,
    role: row.role as Role,
    locale: row.locale as "en" | "hu",
    count: row.count === null || row.count === undefined ? null : Number(row.count),
  };
}

/** The key a header carries, checked; null for anything that is not a live key of an active user. */
async function verify(authorization: string | null, countAt: Date | null): Promise<KeyRow | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const key = match?.[1];
  const parts = key ? KEY_PATTERN.exec(key) : null;
  if (!key || !parts) return null;
  const row = await readKey(key, parts[1]!, countAt);
  const given = Buffer.from(sha256(key), "hex");
  // Compared in constant time even when no key has the prefix, so timing tells nothing.
  const stored = Buffer.from(row?.hash ?? "0".repeat(64), "hex");
  if (!timingSafeEqual(given, stored) || !row) return null;
  // "Last used" to the minute: one write a minute per key at most, not one per request.
  if (row.lastUsedStale) {
    const db = await getDb();
    await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.keyId));
  }
  return row;
}

function callerOf(row: KeyRow): ApiCaller {
  return { keyId: row.keyId, userId: row.userId, workspaceId: row.workspaceId, role: row.role, locale: row.locale };
}

/**
 * The user a request's `Authorization: Bearer <key>` acts as, or null: no key, a malformed or
 * unknown one, a revoked one, or one whose owner is deactivated all look the same from outside.
 */
export async function authenticateApiKey(authorization: string | null): Promise<ApiCaller | null> {
  const row = await verify(authorization, null);
  return row && callerOf(row);
}

export type RateLimit = { ok: true } | { ok: false; retryAfter: number };

const windowOf = (now: Date) => new Date(Math.floor(now.getTime() / 60_000) * 60_000);

/** What this minute's count means: within the limit, or the seconds until the next minute (`Retry-After`). */
async function limitOf(keyId: string, count: number, now: Date, limit: number): Promise<RateLimit> {
  const windowStart = windowOf(now);
  // The first request of a minute clears the key's older minutes.
  if (count === 1) {
    const db = await getDb();
    await db.delete(apiRequestCounts).where(and(eq(apiRequestCounts.keyId, keyId), sql`${apiRequestCounts.windowStart} < ${windowStart}`));
  }
  if (count <= limit) return { ok: true };
  return { ok: false, retryAfter: Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000)) };
}

/**
 * An API request's caller and its place in the key's rate limit, in one statement on the usual
 * path (`route()` in ./http.ts): the key checked, this minute's count taken. Null: no live key.
 */
export async function authenticateApiRequest(
  authorization: string | null,
  now = new Date(),
  limit = API_RATE_LIMIT,
): Promise<{ caller: ApiCaller; limit: RateLimit } | null> {
  const row = await verify(authorization, now);
  if (!row || row.count === null) return null;
  return { caller: callerOf(row), limit: await limitOf(row.keyId, row.count, now, limit) };
}
