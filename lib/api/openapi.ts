import { z } from "zod";
import type { Endpoint } from "./http";

/*
 * The OpenAPI 3.1 document, made from the endpoints' own zod schemas (zod 4's JSON Schema output):
 * what is validated is what is documented. Bodies are described as the client sends them (`input`),
 * answers as the server sends them (`output`).
 */

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
};

const problemSchema: JsonSchema = {
  type: "object",
  required: ["type", "status", "title", "detail"],
  properties: {
    type: { type: "string" },
    status: { type: "integer" },
    title: { type: "string" },
    detail: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        required: ["field", "code", "message"],
        properties: { field: { type: "string" }, code: { type: "string" }, message: { type: "string" } },
      },
    },
  },
};

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

function parameters(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = toSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
  }));
}

/**
 * The operation's description with its curl example under it: Swagger UI (the reference page) shows
 * the description but not `x-codeSamples`, which other readers (Redoc, Scalar) take instead.
 */
function describe(endpoint: Endpoint<never, never, never>): string | undefined {
  if (!endpoint.example) return endpoint.description;
  const example = `Example:\n\n\`\`\`sh\n${endpoint.example}\n\`\`\``;
  return endpoint.description ? `${endpoint.description}\n\n${example}` : example;
}

export function openApiDocument(endpoints: readonly Endpoint<never, never, never>[], serverUrl = "/api/v1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    const operation: Record<string, unknown> = {
      operationId: `${endpoint.method.toLowerCase()}${endpoint.path.replace(/\{(\w+)\}/g, "By-$1").replace(/[^A-Za-z0-9]+(\w)/g, (_, c: string) => c.toUpperCase())}`,
      summary: endpoint.summary,
      tags: [endpoint.tag],
      ...(describe(endpoint) ? { description: describe(endpoint) } : {}),
      parameters: [...parameters(endpoint.params as z.ZodType | undefined, "path"), ...parameters(endpoint.query as z.ZodType | undefined, "query")],
      ...(endpoint.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(endpoint.body as z.ZodType, "input") } } } } : {}),
      responses: {
        [endpoint.response.status]: {
          description: endpoint.response.description,
          ...(endpoint.response.schema ? { content: { "application/json": { schema: toSchema(endpoint.response.schema, "output") } } } : {}),
        },
        ...(endpoint.body || endpoint.query ? { 400: problemResponse("Invalid input: `errors` lists each field.") } : {}),
        401: problemResponse("No key, or a key that is unknown, revoked or of a deactivated user."),
        ...(endpoint.body ? { 413: problemResponse("The body is larger than 1 MB."), 415: problemResponse("The body is not JSON.") } : {}),
        403: problemResponse("The key's user may not do this (their role)."),
        404: problemResponse("No such resource, or the key's user may not see it (an id in the path, query or body)."),
        ...(endpoint.problems?.includes(409) ? { 409: problemResponse("Changed meanwhile: the `version` sent is not the current one.") } : {}),
        429: problemResponse("Too many requests this minute: see `Retry-After`."),
      },
      "x-codeSamples": [{ lang: "Shell", label: "curl", source: endpoint.example }],
    };
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "CRM REST API",
      version: "1",
      description:
        "Every request carries `Authorization: Bearer <key>`; a key acts with the role and visibility of the user it belongs to (Settings → API keys, or `npm run api-key`). Errors are `application/problem+json`. Lists answer `{ data, nextCursor }`; times are ISO 8601 with an offset; money is `{ amount, currency }`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    tags: [...new Set(endpoints.map((e) => e.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key: `crm_…`" } },
      schemas: { Problem: problemSchema },
    },
  };
}
