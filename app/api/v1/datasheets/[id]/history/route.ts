import { route } from "@/lib/api/http";
import { logHistoryEndpoint } from "@/lib/api/v1/history";

export const POST = route(logHistoryEndpoint);
