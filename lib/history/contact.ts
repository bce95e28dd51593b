import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { datasheets, historyEntries, type HistoryKind } from "@/db/schema";

/** Kinds that are always a user's contact with the client (SPEC §3.1 "Contact"). */
const contactKinds = ["note", "call", "meeting", "email_received", "todo_done"] as const satisfies readonly HistoryKind[];

/**
 * SPEC §3.1: contact is a todo done, or a call, meeting, email sent or received, or note, by a
 * user. An email sent by an automation (no author) is not contact.
 */
export function isContact(entry: { kind: HistoryKind; authorUserId: string | null }): boolean {
  if ((contactKinds as readonly HistoryKind[]).includes(entry.kind)) return true;
  return entry.kind === "email_sent" && entry.authorUserId !== null;
}

/** The same rule in SQL, for one statement over a datasheet's history. */
const contactCondition = or(
  inArray(historyEntries.kind, [...contactKinds]),
  and(eq(historyEntries.kind, "email_sent"), isNotNull(historyEntries.authorUserId)),
);

/**
 * Sets `last_contact_at` to the latest contact in the history (a call logged afterwards may be
 * older than the current value; a reopened todo takes its contact back), in one statement.
 */
export async function refreshLastContact(tx: Tx, datasheetId: string): Promise<void> {
  await tx
    .update(datasheets)
    .set({
      lastContactAt: sql`(select max(${historyEntries.occurredAt}) from ${historyEntries} where ${historyEntries.datasheetId} = ${datasheetId} and ${contactCondition})`,
    })
    .where(eq(datasheets.id, datasheetId));
}
