/**
 * A first look at server-action requests, in the proxy, before Next.js decodes them: Next answers
 * a body over the limit, a multipart body without a boundary or arguments that do not decode with
 * a 500 and a stack in the log. Refused here, they get a 4xx and never reach the app's code.
 */

/** next.config.ts' `serverActions.bodySizeLimit` ("2mb", as Next.js reads it) in bytes. */
export const ACTION_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export type ActionRequestVerdict = { ok: true } | { ok: false; status: 400 | 403 | 413; reason: string };

const pass: ActionRequestVerdict = { ok: true };

function refuse(status: 400 | 403 | 413, reason: string): ActionRequestVerdict {
  return { ok: false, status, reason };
}

/**
 * Whether Next.js would treat the request as a server action (its own test, in
 * next/dist/server/lib/server-action-request-meta.js): a POST with a `Next-Action` header (a call
 * from the page's JavaScript), or a multipart POST (a form sent before the page's JavaScript ran).
 * URL-encoded posts Next.js turns away itself.
 */
function isActionRequest(method: string, headers: Headers): { isFetchAction: boolean; isMultipart: boolean } | null {
  if (method !== "POST") return null;
  const isFetchAction = headers.has("next-action");
  const isMultipart = (headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  return isFetchAction || isMultipart ? { isFetchAction, isMultipart } : null;
}

/**
 * Next.js runs an action only when the page's origin is the host it was asked for (its CSRF check,
 * in next/dist/server/app-render/action-handler.js: `X-Forwarded-Host`, else `Host`); a request
 * without an Origin header cannot carry a browser's cookies unasked and goes on. Next answers the
 * others with a 500 — and an Origin that is not a URL with a crash. (next.config.ts allows no
 * other origins; one added to `serverActions.allowedOrigins` would have to be added here too.)
 */
function checkOrigin(headers: Headers): ActionRequestVerdict {
  const origin = headers.get("origin");
  if (origin === null) return pass;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return refuse(400, "invalid Origin header");
  }
  return host && originHost === host ? pass : refuse(403, "cross-origin server action");
}

/** The body's bytes, or null once it has gone past the limit (the rest is never read). */
async function readBody(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: cancelling one branch of a cloned body settles only once the other is done.
      void reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The action's arguments as the browser encodes them (React's encodeReply): a JSON array. */
function isArgumentList(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

/**
 * Checks a request's envelope without consuming it (the body is read from a clone). Anything that
 * is not a server action passes untouched; so does an action whose envelope Next.js can decode —
 * whether the action exists, and what its arguments mean, stays Next's and the action's business.
 */
export async function checkActionRequest(request: Request, limit = ACTION_BODY_LIMIT_BYTES): Promise<ActionRequestVerdict> {
  const kind = isActionRequest(request.method, request.headers);
  if (!kind) return pass;
  const origin = checkOrigin(request.headers);
  if (!origin.ok) return origin;

  const declaredLength = request.headers.get("content-length");
  if (declaredLength !== null) {
    if (!/^\d+$/.test(declaredLength.trim())) return refuse(400, "invalid Content-Length");
    if (Number(declaredLength) > limit) return refuse(413, "body over the server-action limit");
  }
  const body = await readBody(request.clone().body, limit);
  if (!body) return refuse(413, "body over the server-action limit");

  const contentType = request.headers.get("content-type") ?? "";
  if (kind.isMultipart) {
    if (!/;\s*boundary=("[^"]+"|[^;\s]+)/i.test(contentType)) return refuse(400, "multipart body without a boundary");
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    } catch {
      return refuse(400, "malformed multipart body");
    }
    // A call from the page sends its arguments as the form's field "0"; a form sent without
    // JavaScript names its action in its own fields, which Next.js checks.
    if (kind.isFetchAction) {
      const args = form.get("0");
      if (typeof args !== "string" || !isArgumentList(args)) return refuse(400, "action arguments are not a JSON array");
    }
    return pass;
  }
  // A call whose arguments need no file or form travels as plain text: the JSON array itself.
  const text = new TextDecoder("utf-8", { fatal: true });
  let decoded: string;
  try {
    decoded = text.decode(body);
  } catch {
    return refuse(400, "action arguments are not UTF-8");
  }
  return isArgumentList(decoded) ? pass : refuse(400, "action arguments are not a JSON array");
}
