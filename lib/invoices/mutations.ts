import { and, desc, eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { invoices, type Invoice } from "@/db/schema";
import { invoiceCreated, invoicePaid } from "@/inngest/events";
import type { Actor } from "@/lib/auth/permissions";
import { getVisibleDatasheet } from "@/lib/datasheets/access";
import { touchDatasheet } from "@/lib/datasheets/version";
import { DomainError, isUniqueViolation, NotFoundError, ValidationError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { emit } from "@/lib/jobs/outbox";
import type { AddInvoiceInput, MarkInvoicePaidInput } from "./schemas";

/** Invoice facts on a datasheet (they drive customer statuses, SPEC §3.1 rule 1). Numbers are unique per workspace. */
export async function addInvoice(actor: Actor, input: AddInvoiceInput): Promise<{ id: string }> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const datasheet = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
      const [invoice] = await tx
        .insert(invoices)
        .values({
          workspaceId: actor.workspaceId,
          datasheetId: datasheet.id,
          number: input.number,
          amount: input.amount,
          currency: input.currency,
          issuedOn: input.issuedOn,
          dueOn: input.dueOn,
          createdByUserId: actor.userId,
        })
        .returning({ id: invoices.id });
      await touchDatasheet(tx, datasheet.id, actor.userId);
      await emit(
        tx,
        invoiceCreated.create({
          workspaceId: actor.workspaceId,
          moduleId: datasheet.moduleId,
          datasheetId: datasheet.id,
          actorUserId: actor.userId,
          invoiceId: invoice!.id,
        }),
      );
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

export async function markInvoicePaid(actor: Actor, input: MarkInvoicePaidInput): Promise<void> {
  assertId(input.invoiceId);
  const db = await getDb();
  await db.transaction(async (tx) => {
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
    await tx.update(invoices).set({ paidAt, updatedAt: new Date() }).where(eq(invoices.id, invoice.id));
    await touchDatasheet(tx, datasheet.id, actor.userId);
    await emit(
      tx,
      invoicePaid.create({
        workspaceId: actor.workspaceId,
        moduleId: datasheet.moduleId,
        datasheetId: datasheet.id,
        actorUserId: actor.userId,
        invoiceId: invoice.id,
        paidAt: paidAt.toISOString(),
      }),
    );
  });
}

/** A datasheet's invoices, newest issue date first. */
export async function listInvoices(actor: Actor, datasheetId: string, db?: Db): Promise<Invoice[]> {
  const conn = db ?? (await getDb());
  const datasheet = await getVisibleDatasheet(conn, actor, datasheetId);
  return conn
    .select()
    .from(invoices)
    .where(and(eq(invoices.datasheetId, datasheet.id), eq(invoices.workspaceId, actor.workspaceId)))
    .orderBy(desc(invoices.issuedOn), desc(invoices.createdAt));
}
