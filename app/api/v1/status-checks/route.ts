import { route } from "@/lib/api/http";
import { runStatusChecksEndpoint } from "@/lib/api/v1/status-checks";

export const POST = route(runStatusChecksEndpoint);
