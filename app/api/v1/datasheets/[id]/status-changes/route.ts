import { route } from "@/lib/api/http";
import { listStatusChangesEndpoint } from "@/lib/api/v1/datasheets";

export const GET = route(listStatusChangesEndpoint);
