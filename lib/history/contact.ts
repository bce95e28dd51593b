import "server-only";
import { and, eq, inArray, isNotNull, or, type SQL } from "drizzle-orm";
import { historyEntries, type HistoryKind } from "@/db/schema";

/** Kinds that are a user's contact with the client whoever wrote them down (SPEC §3.1 "Contact"). */
const contactKinds = ["note", "call", "meeting", "email_received", "todo_done"] as const satisfies readonly HistoryKind[];

/**
 * SPEC §3.1: contact is a todo marked done, or a history entry of kind call, meeting, email sent or
 * received, or note; an email sent by an automation (no author) is not contact. The rule exists
 * once, in SQL, where it runs: the commit point's `last_contact_at` (lib/datasheets/commit.ts).
 */
export const isContactEntry: SQL = or(
  inArray(historyEntries.kind, [...contactKinds]),
  and(eq(historyEntries.kind, "email_sent"), isNotNull(historyEntries.authorUserId)),
)!;
