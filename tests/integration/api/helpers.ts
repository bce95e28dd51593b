import { route, type Endpoint } from "@/lib/api/http";
import { createApiKey } from "@/lib/api/keys";
import type { UserActor } from "@/lib/auth/permissions";
import { uniqueSuffix } from "../../factories";

/** A key acting as the user, made as an admin of their workspace makes one. */
export async function apiKeyFor(admin: UserActor, user: UserActor = admin, name = `Key ${uniqueSuffix()}`): Promise<string> {
  return (await createApiKey(admin, { name, userId: user.userId })).key;
}

export interface CallOptions {
  key?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** The raw body as sent (overrides `body`), e.g. malformed JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Calls an endpoint through its Next.js route handler, as an HTTP client would reach it. */
// The answer is JSON as a client reads it: tests look into it freely and hold it to the document.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function callApi(endpoint: Endpoint<never, never, never>, options: CallOptions = {}): Promise<{ status: number; headers: Headers; json: any }> {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => options.params?.[name] ?? "");
  const url = new URL(`http://localhost/api/v1${path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(url, {
    method: endpoint.method,
    headers: {
      ...(options.key ? { Authorization: `Bearer ${options.key}` } : {}),
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      ...options.headers,
    },
    body,
  });
  const response = await route(endpoint)(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}
