import "server-only";
import { and, eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { invoices, type Invoice } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { getVisibleDatasheet } from "@/lib/datasheets/access";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";

/** An invoice the actor may see: on a datasheet of their workspace they may see (else "not found"). */
export async function getInvoice(conn: Conn, actor: Actor, invoiceId: string): Promise<Invoice> {
  assertId(invoiceId);
  const [invoice] = await conn
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.workspaceId, actor.workspaceId)));
  if (!invoice) throw new NotFoundError();
  await getVisibleDatasheet(conn, actor, invoice.datasheetId);
  return invoice;
}
