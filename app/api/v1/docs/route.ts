import { referencePage } from "@/lib/api/reference";

/** `/api/v1/docs`: the readable API reference (Swagger UI on /api/v1/openapi.json), public. */
export function GET(): Response {
  return referencePage();
}
