import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { outboxEvents } from "@/db/schema";
import { jsonRows } from "@/lib/db/sql";

/** What `someEvent.create(data)` returns (inngest's eventType): a name, its data, a validator. */
export interface OutgoingEvent {
  name: string;
  data: Record<string, unknown> | undefined;
  validate(): Promise<void>;
}

export interface EmitOptions {
  /** Not before this moment; the handler re-reads the database when it runs. Default: now. */
  deliverAt?: Date;
  /** Default: the payload's `workspaceId`, if it has one. Null: a system event. */
  workspaceId?: string | null;
  /** A fixed id makes the emit idempotent: a second emit with the same id records nothing. */
  id?: string;
}

/**
 * Records an event in the outbox, inside the caller's transaction: it is delivered if and only if
 * the change that caused it commits. Domain code never calls `inngest.send` itself. After the
 * commit, `notifyOutbox()` delivers it at once instead of at the next poll.
 */
export async function emit(tx: Tx | Db, event: OutgoingEvent, options: EmitOptions = {}): Promise<void> {
  try {
    await event.validate();
  } catch (error) {
    throw new Error(`Invalid payload for event "${event.name}": ${error instanceof Error ? error.message : String(error)}`);
  }
  const data = event.data ?? {};
  const payloadWorkspace = typeof data.workspaceId === "string" ? data.workspaceId : null;
  await tx
    .insert(outboxEvents)
    .values({
      ...(options.id ? { id: options.id } : {}),
      name: event.name,
      data,
      workspaceId: options.workspaceId !== undefined ? options.workspaceId : payloadWorkspace,
      ...(options.deliverAt ? { deliverAt: options.deliverAt } : {}),
    })
    .onConflictDoNothing();
}

/**
 * Records many events in one multi-row insert (bulk changes: one statement, not one per row).
 * Each payload is validated first; the workspace is taken from each payload.
 */
export async function emitAll(tx: Tx | Db, events: OutgoingEvent[]): Promise<void> {
  if (events.length === 0) return;
  for (const event of events) {
    try {
      await event.validate();
    } catch (error) {
      throw new Error(`Invalid payload for event "${event.name}": ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const rows = events.map((event) => {
    const data = event.data ?? {};
    return { name: event.name, data, workspace_id: typeof data.workspaceId === "string" ? data.workspaceId : null };
  });
  // The batch as one jsonb parameter: one statement, however many events (an import batch has
  // two a row), without a driver parameter a value.
  await tx.execute(sql`
    insert into ${outboxEvents} (workspace_id, name, data)
    select e.workspace_id, e.name, e.data from jsonb_to_recordset(${jsonRows(rows)}) as e(workspace_id uuid, name text, data jsonb)`);
}

/** A UUID derived from its parts: the same parts always name the same outbox row. */
export function eventIdFor(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Hooks = { nudge?: () => void };
// Next.js evaluates modules more than once per process: the hook lives on globalThis.
const hooks = ((globalThis as { __crmOutbox?: Hooks }).__crmOutbox ??= {});

/** Tells this process's relay (embedded runtime or Inngest relay) that rows were committed. */
export function notifyOutbox(): void {
  hooks.nudge?.();
}

/** The relay of this process registers itself here; undefined unregisters it. */
export function setOutboxListener(listener: (() => void) | undefined): void {
  hooks.nudge = listener;
}
