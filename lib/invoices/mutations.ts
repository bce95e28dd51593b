import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { invoices, workspaces, type Invoice } from "@/db/schema";
import { invoiceCreated, invoicePaid } from "@/inngest/events";
import type { Actor } from "@/lib/auth/permissions";
import { getVisibleDatasheet } from "@/lib/datasheets/access";
import { commitDatasheet } from "@/lib/datasheets/commit";
import { DomainError, isUniqueViolation, NotFoundError, ValidationError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { closeWonOnFirstPaidInvoice } from "@/lib/statuses/facts";
import type { AddInvoiceInput, MarkInvoicePaidInput } from "./schemas";

/** Invoice facts on a datasheet (they drive customer statuses, SPEC §3.1 rule 1). Numbers are unique per workspace. */
export async function addInvoice(conn: Conn, actor: Actor, input: AddInvoiceInput, now = new Date()): Promise<{ id: string }> {
  try {
    return await conn.transaction(async (tx) => {
      const datasheet = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
      const [invoice] = await tx
        .insert(invoices)
        .values({
          workspaceId: actor.workspaceId,
          datasheetId: datasheet.id,
          number: input.number,
          amount: input.amount,
          currency: input.currency ?? sql`(select ${workspaces.currency} from ${workspaces} where ${workspaces.id} = ${actor.workspaceId})`,
          issuedOn: input.issuedOn,
          dueOn: input.dueOn,
          createdByUserId: actor.userId,
        })
        .returning({ id: invoices.id });
      const event = invoiceCreated.create({
        workspaceId: actor.workspaceId,
        moduleId: datasheet.moduleId,
        datasheetId: datasheet.id,
        actorUserId: actor.userId,
        invoiceId: invoice!.id,
      });
      await commitDatasheet(tx, actor, { id: datasheet.id, events: [event] }, now);
      return invoice!;
    });
  } catch (error) {
    // Two saves of the same number at once: the unique index decides, and the second hears why.
    if (isUniqueViolation(error)) throw new ValidationError({ number: "invoiceNumberTaken" });
    throw error;
  }
}

export function paidAtOf(day: string): Date {
  return new Date(`${day}T12:00:00.000Z`);
}

export async function markInvoicePaid(conn: Conn, actor: Actor, input: MarkInvoicePaidInput, now = new Date()): Promise<void> {
  assertId(input.invoiceId);
  await conn.transaction(async (tx) => {
    const [found] = await tx
      .select({ datasheetId: invoices.datasheetId })
      .from(invoices)
      .where(and(eq(invoices.id, input.invoiceId), eq(invoices.workspaceId, actor.workspaceId)));
    if (!found) throw new NotFoundError();
    const datasheet = await getVisibleDatasheet(tx, actor, found.datasheetId, { lock: true });
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, input.invoiceId)).for("update");
    if (!invoice) throw new NotFoundError();
    if (invoice.paidAt) throw new DomainError("invoiceAlreadyPaid");
    const paidAt = paidAtOf(input.paidOn);
    await tx.update(invoices).set({ paidAt, updatedAt: now }).where(eq(invoices.id, invoice.id));
    await closeWonOnFirstPaidInvoice(tx, actor, datasheet, invoice.id, now);
    const event = invoicePaid.create({
      workspaceId: actor.workspaceId,
      moduleId: datasheet.moduleId,
      datasheetId: datasheet.id,
      actorUserId: actor.userId,
      invoiceId: invoice.id,
      paidAt: paidAt.toISOString(),
    });
    await commitDatasheet(tx, actor, { id: datasheet.id, events: [event] }, now);
  });
}

/** A datasheet's invoices, newest issue date first. */
export async function listInvoices(conn: Conn, actor: Actor, datasheetId: string): Promise<Invoice[]> {
  const datasheet = await getVisibleDatasheet(conn, actor, datasheetId);
  return conn
    .select()
    .from(invoices)
    .where(and(eq(invoices.datasheetId, datasheet.id), eq(invoices.workspaceId, actor.workspaceId)))
    .orderBy(desc(invoices.issuedOn), desc(invoices.createdAt));
}
