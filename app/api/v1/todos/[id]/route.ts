import { route } from "@/lib/api/http";
import { updateTodoEndpoint } from "@/lib/api/v1/todos";

export const PATCH = route(updateTodoEndpoint);
