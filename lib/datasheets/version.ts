import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { users } from "@/db/schema";
import { ConflictError } from "@/lib/errors";
import { formatName, type Locale } from "@/lib/users/names";

/**
 * A save made on a version someone else has changed since (SPEC: "the second save of a stale
 * version gets a clear 'changed by X meanwhile' message with the current values"). One error and
 * one code (`changedMeanwhile`) for datasheets, todos and businesses; `params.name` names who
 * changed it last, `current` is what the database holds now, for the caller to show (the API: 409).
 */
export class StaleVersionError<T = unknown> extends ConflictError {
  constructor(
    name: string | null,
    readonly current: T,
  ) {
    super("changedMeanwhile", { who: name ? "user" : "someone", name: name ?? "" });
  }
}

/**
 * The name of who made the latest change (the row's `updated_by_user_id`); null for the system or
 * a user since removed. Read only when a conflict happens.
 */
async function editorName(conn: Conn, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await conn
    .select({ familyName: users.familyName, givenName: users.givenName, locale: sql<Locale>`coalesce(${users.locale}, 'en')` })
    .from(users)
    .where(eq(users.id, userId));
  // The name as the person reading the message would write it is not known here; the author's
  // own language order is a fair default and the message is about them.
  return row ? formatName(row, row.locale) : null;
}

/** A row that keeps a version: a datasheet, a todo, a business. */
export interface Versioned {
  version: number;
  updatedByUserId: string | null;
}

/**
 * The one stale-version check: refuses a change made on an older version of `row` than its
 * current one (the row is locked by the caller), naming who changed it and carrying `current()`.
 */
export async function assertVersion<T>(conn: Conn, row: Versioned, seenVersion: number, current: () => T | Promise<T>): Promise<void> {
  if (row.version === seenVersion) return;
  throw new StaleVersionError(await editorName(conn, row.updatedByUserId), await current());
}
