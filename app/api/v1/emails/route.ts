import { route } from "@/lib/api/http";
import { listEmailsEndpoint } from "@/lib/api/v1/emails";

export const GET = route(listEmailsEndpoint);
