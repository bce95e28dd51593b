import "server-only";
import { and, count, eq, isNotNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { datasheetValues, fields, historyEntries, invoices, modules, type Datasheet } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import type { SalesStatus } from "./derive";
import { ruleSettingsOf } from "./settings";

/*
 * SPEC §3.1 "Facts and events": a few facts of the automatic module change because another fact
 * did — in the transaction of that change, before its commit, recorded in the history as the
 * system's doing and why. (The status itself is the commit point's, from all the facts.)
 */

async function automaticModule(tx: Tx, moduleId: string) {
  const [row] = await tx.select({ kind: modules.kind, ruleSettings: modules.ruleSettings }).from(modules).where(eq(modules.id, moduleId));
  return row?.kind === "sales_auto" ? row : null;
}

/** Sets the system field Sales status of a datasheet, with a history line naming why. */
async function setSalesStatus(tx: Tx, actor: Actor, datasheet: Datasheet, to: SalesStatus, why: Record<string, unknown>, now: Date): Promise<void> {
  const [field] = await tx
    .select({ id: fields.id })
    .from(fields)
    .where(and(eq(fields.moduleId, datasheet.moduleId), eq(fields.key, "sales_status"), eq(fields.isSystem, true)));
  if (!field) return;
  await tx.delete(datasheetValues).where(and(eq(datasheetValues.datasheetId, datasheet.id), eq(datasheetValues.fieldId, field.id)));
  await tx.insert(datasheetValues).values({ workspaceId: actor.workspaceId, datasheetId: datasheet.id, fieldId: field.id, textValue: to });
  await tx.insert(historyEntries).values({
    workspaceId: actor.workspaceId,
    datasheetId: datasheet.id,
    kind: "system",
    occurredAt: now,
    // The system did it; the change that led to it was the actor's.
    authorUserId: null,
    data: { change: "sales_status", from: datasheet.salesStatus, to, ...why },
  });
}

/** "Adding a todo to a marketing contact starts the sale": Sales status becomes In progress. */
export async function startSaleOnTodo(tx: Tx, actor: Actor, datasheet: Datasheet, todoId: string, now = new Date()): Promise<void> {
  if (datasheet.salesStatus !== null || !(await automaticModule(tx, datasheet.moduleId))) return;
  await setSalesStatus(tx, actor, datasheet, "in_progress", { reason: "todo_added", todoId }, now);
}

/**
 * "The first invoice marked paid while Sales status is In progress sets it to Closed won" (a module
 * setting, on by default). Called after the invoice is marked paid.
 */
export async function closeWonOnFirstPaidInvoice(tx: Tx, actor: Actor, datasheet: Datasheet, invoiceId: string, now = new Date()): Promise<void> {
  if (datasheet.salesStatus !== "in_progress") return;
  const automatic = await automaticModule(tx, datasheet.moduleId);
  if (!automatic || !ruleSettingsOf(automatic.ruleSettings).paidInvoiceClosesWon) return;
  const [paid] = await tx
    .select({ n: count() })
    .from(invoices)
    .where(and(eq(invoices.datasheetId, datasheet.id), isNotNull(invoices.paidAt)));
  if ((paid?.n ?? 0) !== 1) return;
  await setSalesStatus(tx, actor, datasheet, "closed_won", { reason: "first_invoice_paid", invoiceId }, now);
}
