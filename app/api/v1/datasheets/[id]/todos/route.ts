import { route } from "@/lib/api/http";
import { addTodoEndpoint } from "@/lib/api/v1/todos";

export const POST = route(addTodoEndpoint);
