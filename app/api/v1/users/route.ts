import { route } from "@/lib/api/http";
import { listUsersEndpoint } from "@/lib/api/v1/users";

export const GET = route(listUsersEndpoint);
