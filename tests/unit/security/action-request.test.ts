import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { ACTION_BODY_LIMIT_BYTES, checkActionRequest } from "@/lib/security/action-request";

const url = "http://127.0.0.1:3000/login";
const origin = "http://127.0.0.1:3000";
const action = { "next-action": "6055fa146d33c9ff88e8093bc5138a3cd620f7a8c0", host: "127.0.0.1:3000", origin };
const text = "text/plain;charset=UTF-8";

function post(headers: Record<string, string>, body?: BodyInit): Request {
  return new Request(url, { method: "POST", headers, body });
}

/** A multipart body as the browser sends it, with the boundary the header names. */
function multipart(fields: Record<string, string>): { body: string; contentType: string } {
  const boundary = "----WebKitFormBoundaryAbCdEf123";
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { body: `${parts.join("")}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe("checkActionRequest", () => {
  it("lets requests that are no server action through untouched", async () => {
    expect(await checkActionRequest(new Request(url))).toEqual({ ok: true });
    expect(await checkActionRequest(new Request(url, { headers: { "next-action": "x" } }))).toEqual({ ok: true });
    expect(await checkActionRequest(post({ "content-type": "application/json" }, "not json at all"))).toEqual({ ok: true });
    expect(await checkActionRequest(post({ "content-type": "application/x-www-form-urlencoded" }, "a=b"))).toEqual({ ok: true });
  });

  it("lets well-formed calls through: plain-text arguments and multipart ones", async () => {
    expect(await checkActionRequest(post({ ...action, "content-type": text }, '["en",{"a":"$undefined"}]'))).toEqual({ ok: true });
    expect(await checkActionRequest(post({ ...action, "content-type": text }, "[]"))).toEqual({ ok: true });
    const form = multipart({ "1_email": "a@b.test", "0": '["$K1"]' });
    expect(await checkActionRequest(post({ ...action, "content-type": form.contentType }, form.body))).toEqual({ ok: true });
    // A form sent before the page's JavaScript ran: no Next-Action header, no "0" field.
    const mpa = multipart({ $ACTION_ID_abc: "", email: "a@b.test" });
    expect(await checkActionRequest(post({ host: action.host, origin, "content-type": mpa.contentType }, mpa.body))).toEqual({ ok: true });
  });

  it("does not consume the body the action still needs", async () => {
    const request = post({ ...action, "content-type": text }, '["en"]');
    await checkActionRequest(request);
    expect(await request.text()).toBe('["en"]');
  });

  it("refuses a body over the limit with 413, declared or streamed", async () => {
    const big = "a".repeat(ACTION_BODY_LIMIT_BYTES + 1);
    expect(await checkActionRequest(post({ ...action, "content-type": text, "content-length": String(big.length) }, big))).toMatchObject({
      ok: false,
      status: 413,
    });
    // No Content-Length (chunked): counted while read, and refused past the limit.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 3; i += 1) controller.enqueue(new Uint8Array(ACTION_BODY_LIMIT_BYTES / 2 + 1));
        controller.close();
      },
    });
    const chunked = new Request(url, { method: "POST", headers: { ...action, "content-type": text }, body: stream, duplex: "half" } as RequestInit);
    expect(await checkActionRequest(chunked)).toMatchObject({ ok: false, status: 413 });
    const form = multipart({ "0": "[]", file: "a".repeat(ACTION_BODY_LIMIT_BYTES) });
    expect(await checkActionRequest(post({ ...action, "content-type": form.contentType }, form.body))).toMatchObject({ ok: false, status: 413 });
  });

  it("refuses malformed envelopes with 400", async () => {
    for (const body of ["[1,", '{"a":1}', "5", '"x"', "hello there", "", "null"]) {
      expect(await checkActionRequest(post({ ...action, "content-type": text }, body)), body).toMatchObject({ ok: false, status: 400 });
    }
    expect(await checkActionRequest(post(action, "zzz"))).toMatchObject({ ok: false, status: 400 });
    expect(await checkActionRequest(post({ ...action, "content-type": text }, new Uint8Array([0x5b, 0xff, 0x5d])))).toMatchObject({ ok: false, status: 400 });
    expect(await checkActionRequest(post({ ...action, "content-type": text, "content-length": "12abc" }, "[]"))).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses multipart bodies without a boundary, that do not parse, or whose arguments are no array", async () => {
    expect(await checkActionRequest(post({ ...action, "content-type": "multipart/form-data" }, "xx"))).toMatchObject({ ok: false, status: 400 });
    expect(await checkActionRequest(post({ host: action.host, "content-type": "multipart/form-data" }, "xx"))).toMatchObject({ ok: false, status: 400 });
    expect(await checkActionRequest(post({ ...action, "content-type": "multipart/form-data; boundary=abc" }, "garbage"))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await checkActionRequest(post({ host: action.host, "content-type": "multipart/form-data; boundary=abc" }, "garbage"))).toMatchObject({
      ok: false,
      status: 400,
    });
    const notArray = multipart({ "0": '{"a":1}' });
    expect(await checkActionRequest(post({ ...action, "content-type": notArray.contentType }, notArray.body))).toMatchObject({ ok: false, status: 400 });
    const noArgs = multipart({ other: "[]" });
    expect(await checkActionRequest(post({ ...action, "content-type": noArgs.contentType }, noArgs.body))).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses a call from another origin with 403, and an Origin that is no URL with 400", async () => {
    expect(await checkActionRequest(post({ ...action, origin: "http://evil.example", "content-type": text }, "[]"))).toMatchObject({ ok: false, status: 403 });
    expect(await checkActionRequest(post({ ...action, origin: "null", "content-type": text }, "[]"))).toMatchObject({ ok: false, status: 403 });
    expect(await checkActionRequest(post({ ...action, origin: "not a url", "content-type": text }, "[]"))).toMatchObject({ ok: false, status: 400 });
    // Behind a proxy Next.js compares with X-Forwarded-Host, as here.
    const forwarded = { ...action, host: "internal:3000", "x-forwarded-host": "crm.example.com", origin: "https://crm.example.com" };
    expect(await checkActionRequest(post({ ...forwarded, "content-type": text }, "[]"))).toEqual({ ok: true });
    const { origin: _dropped, ...withoutOrigin } = action;
    expect(await checkActionRequest(post({ ...withoutOrigin, "content-type": text }, "[]"))).toEqual({ ok: true });
  });

  it("uses the limit next.config.ts gives Next.js", () => {
    const limit = nextConfig.experimental?.serverActions?.bodySizeLimit;
    expect(limit).toBe("2mb");
    expect(ACTION_BODY_LIMIT_BYTES).toBe(2 * 1024 * 1024);
  });
});
