import { openApiDocument } from "@/lib/api/openapi";
import { endpoints } from "@/lib/api/v1/endpoints";

/** The OpenAPI 3.1 document of API v1, public like any API reference (it holds no data). */
export function GET(): Response {
  return Response.json(openApiDocument(endpoints), { headers: { "Cache-Control": "public, max-age=300" } });
}
