import "server-only";
import { and, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEvents } from "@/db/schema";

export interface RelayedEvent {
  /** The outbox row's id: Inngest drops a second event with the same id, so a repeat is harmless. */
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
}

export interface RelayOptions {
  db: Db;
  send: (events: RelayedEvent[]) => Promise<unknown>;
  now?: Date;
  batchSize?: number;
  /** How long a relay holds rows it is sending before another relay may take them. */
  leaseMs?: number;
}

/**
 * Inngest mode: sends the due outbox rows to Inngest and marks them dispatched. Rows are held
 * (locked_until) while they are sent; if the send fails they are sent again later. Runs right
 * after a commit (notifyOutbox) and from the `jobs/relay-outbox` cron every minute.
 */
export async function relayOutbox({ db, send, now = new Date(), batchSize = 100, leaseMs = 60_000 }: RelayOptions): Promise<number> {
  let sent = 0;
  for (;;) {
    const due = db
      .select({ id: outboxEvents.id })
      .from(outboxEvents)
      .where(
        and(
          isNull(outboxEvents.dispatchedAt),
          lte(outboxEvents.deliverAt, now),
          or(isNull(outboxEvents.lockedUntil), lt(outboxEvents.lockedUntil, now)),
        ),
      )
      .orderBy(outboxEvents.deliverAt)
      .limit(batchSize)
      .for("update", { skipLocked: true });
    const rows = await db
      .update(outboxEvents)
      .set({ lockedUntil: new Date(now.getTime() + leaseMs) })
      .where(inArray(outboxEvents.id, due))
      .returning({ id: outboxEvents.id, name: outboxEvents.name, data: outboxEvents.data, createdAt: outboxEvents.createdAt });
    if (!rows.length) break;
    await send(rows.map((row) => ({ id: row.id, name: row.name, data: row.data, ts: row.createdAt.getTime() })));
    await db
      .update(outboxEvents)
      .set({ dispatchedAt: now, lockedUntil: null })
      .where(
        inArray(
          outboxEvents.id,
          rows.map((row) => row.id),
        ),
      );
    sent += rows.length;
    if (rows.length < batchSize) break;
  }
  return sent;
}
