import { route } from "@/lib/api/http";
import { markInvoicePaidEndpoint } from "@/lib/api/v1/invoices";

export const PATCH = route(markInvoicePaidEndpoint);
