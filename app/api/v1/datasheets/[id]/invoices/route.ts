import { route } from "@/lib/api/http";
import { addInvoiceEndpoint } from "@/lib/api/v1/invoices";

export const POST = route(addInvoiceEndpoint);
