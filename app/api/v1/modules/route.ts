import { route } from "@/lib/api/http";
import { listModulesEndpoint } from "@/lib/api/v1/modules";

export const GET = route(listModulesEndpoint);
