import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { notifyOutbox } from "@/lib/jobs/outbox";
import { authenticateApiRequest, type ApiCaller } from "./keys";
import { describeError } from "./messages";

/*
 * The REST API's one request path (SPEC §7): a Bearer key names the user acting, the rate limit is
 * counted, the path, query and JSON body are parsed with the endpoint's zod schemas (unknown fields
 * refused), the handler calls the same services as the UI, and every user mistake comes back as
 * `application/problem+json` — never a 500. The same definitions produce the OpenAPI document.
 */

/** The largest JSON body taken (413 beyond it). */
export const MAX_BODY_BYTES = 1024 * 1024;

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

export interface FieldProblem {
  /** Where in the request: `business.name`, `contacts.0.email`, `query.limit`. */
  field: string;
  /** The catalog key (`required`, `emailInvalid`…), stable for programs. */
  code: string;
  /** What is wrong, in English, for people. */
  message: string;
}

export interface Problem {
  type?: string;
  status: number;
  title: string;
  detail: string;
  errors?: FieldProblem[];
}

export function problem(body: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: "about:blank", ...body }), {
    status: body.status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...headers },
  });
}

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
};

function problemOf(status: number, detail: string, errors?: FieldProblem[]): Response {
  return problem({ status, title: titles[status] ?? "Error", detail, ...(errors ? { errors } : {}) });
}

export interface HandlerContext<P, Q, B> {
  caller: ApiCaller;
  db: Db;
  params: P;
  query: Q;
  body: B;
  request: Request;
}

export interface Endpoint<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** OpenAPI style, under /api/v1: `/datasheets/{id}`. */
  path: string;
  summary: string;
  /** The group it is listed under in the reference (`Datasheets`, `Todos`…). */
  tag: string;
  description?: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The success answer: status and, unless 204, the JSON's schema (plain JSON: no transforms). */
  response: { status: 200 | 201 | 204; schema?: z.ZodType; description: string };
  /** Problem answers besides those every endpoint may give (400, 401, 403, 404, 413, 415, 429): 409 where a `version` is checked. */
  problems?: 409[];
  /** A curl example for the reference page (`$CRM_URL` and `$CRM_KEY` stand for the server and key). */
  example: string;
  handler: (context: HandlerContext<P, Q, B>) => Promise<unknown>;
}

export function defineEndpoint<P = Record<string, never>, Q = Record<string, never>, B = undefined>(endpoint: Endpoint<P, Q, B>): Endpoint<P, Q, B> {
  return endpoint;
}

function zodProblems(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const field = [prefix, path].filter(Boolean).join(".") || (prefix ?? "body");
    if (issue.code === "unrecognized_keys") {
      const at = [prefix, path].filter(Boolean).join(".");
      return { field: issue.keys.map((k) => (at ? `${at}.${k}` : k)).join(", "), code: "unknownField", message: `Unknown field: ${issue.keys.join(", ")}.` };
    }
    return { field, code: issue.message, message: describeError(issue.message) };
  });
}

class RequestProblem extends Error {
  constructor(readonly response: Response) {
    super("request problem");
  }
}

async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) throw new RequestProblem(problemOf(413, `The body is larger than ${MAX_BODY_BYTES} bytes.`));
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new RequestProblem(problemOf(415, "Send the body as JSON with `Content-Type: application/json`."));
  }
  // Read with a limit even without a Content-Length (chunked): never more than the limit in memory.
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new RequestProblem(problemOf(413, `The body is larger than ${MAX_BODY_BYTES} bytes.`));
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new RequestProblem(problemOf(400, "The request needs a JSON body."));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestProblem(problemOf(400, `The body is not valid JSON: ${(error as Error).message}`));
  }
}

/** 400 with every invalid field; the detail names them (and says what is wrong when it is one). */
function invalidFields(errors: FieldProblem[]): Response {
  const detail = errors.length === 1 ? `${errors[0]!.field}: ${errors[0]!.message}` : `Some fields are not valid: ${errors.map((e) => e.field).join(", ")}.`;
  return problemOf(400, detail, errors);
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, prefix?: string): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RequestProblem(invalidFields(zodProblems(parsed.error, prefix)));
  return parsed.data;
}

/** A domain error as the API answers it: invisible and foreign things are 404, never a hint. */
export function errorResponse(error: unknown): Response | null {
  if (error instanceof RequestProblem) return error.response;
  if (error instanceof ValidationError) {
    return invalidFields(Object.entries(error.fieldErrors).map(([field, code]) => ({ field, code, message: describeError(code) })));
  }
  if (error instanceof NotFoundError) return problemOf(404, "There is no such resource, or this key may not see it.");
  if (error instanceof ForbiddenError) return problemOf(403, "This key's user may not do this.");
  if (error instanceof ConflictError) return problemOf(409, describeError(error.code, "errors", error.params));
  if (error instanceof DomainError) return problemOf(400, describeError(error.code, "errors", error.params));
  return null;
}

type RouteContext = { params: Promise<Record<string, string>> };

/** The Next.js route handler of an endpoint: `export const POST = route(addTodo)`. */
export function route<P, Q, B>(endpoint: Endpoint<P, Q, B>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const authenticated = await authenticateApiRequest(request.headers.get("authorization"));
      if (!authenticated) {
        return problem(
          { status: 401, title: titles[401]!, detail: "Send a valid API key: `Authorization: Bearer <key>` (Settings → API keys)." },
          { "WWW-Authenticate": 'Bearer realm="api"' },
        );
      }
      const { caller, limit } = authenticated;
      if (!limit.ok) {
        return problem(
          { status: 429, title: titles[429]!, detail: `This key made too many requests this minute. Try again in ${limit.retryAfter} s.` },
          { "Retry-After": String(limit.retryAfter) },
        );
      }
      const params = parsePart(endpoint.params, await context.params, "path");
      const search = new URL(request.url).searchParams;
      const query = parsePart(endpoint.query, Object.fromEntries(search), "query");
      const body = endpoint.body ? parsePart(endpoint.body, await readJson(request)) : (undefined as B);
      const db = await getDb();
      const result = await endpoint.handler({ caller, db, params, query, body, request });
      if (endpoint.method !== "GET") notifyOutbox();
      if (endpoint.response.status === 204) return new Response(null, { status: 204 });
      return Response.json(result, { status: endpoint.response.status, headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      const response = errorResponse(error);
      if (response) return response;
      throw error;
    }
  };
}
