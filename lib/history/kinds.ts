import type { HistoryKind } from "@/db/schema/datasheets";

/**
 * What users log by hand on a datasheet's history. A module of its own, without the database
 * code next to it, because the log form (in the browser) lists these kinds.
 */
export const loggableKinds = ["call", "meeting", "note", "email_sent", "email_received"] as const satisfies readonly HistoryKind[];
export type LoggableKind = (typeof loggableKinds)[number];
