import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

type Reply = { status: number; body: unknown };

/**
 * A stand-in for api.resend.com on 127.0.0.1 (random port), for the real `resend` SDK. Like
 * Resend, it accepts one email per Idempotency-Key: a repeat gets the first email's id back and
 * is not accepted again. `failNext` answers the next requests with an error instead.
 */
export async function startFakeResend() {
  const requests: RecordedRequest[] = [];
  const accepted = new Map<string, string>();
  const failures: Reply[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: text ? JSON.parse(text) : {} });
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const failure = failures.shift();
      if (failure) return reply(failure.status, failure.body);
      const key = String(req.headers["idempotency-key"] ?? `no-key-${requests.length}`);
      if (!accepted.has(key)) accepted.set(key, `re_${accepted.size + 1}_${Date.now()}`);
      reply(200, { id: accepted.get(key) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    /** Emails Resend would have sent: one per idempotency key. */
    accepted,
    failNext(reply: Reply = { status: 500, body: { statusCode: 500, name: "internal_server_error", message: "try again" } }) {
      failures.push(reply);
    },
    reset() {
      requests.length = 0;
      accepted.clear();
      failures.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeResend = Awaited<ReturnType<typeof startFakeResend>>;
