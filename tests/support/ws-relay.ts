import { once } from "node:events";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { neonConfig } from "@neondatabase/serverless";
import ws, { createWebSocketStream, WebSocketServer } from "ws";

export interface WsRelay {
  port: number;
  /** WebSocket connections relayed so far. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * What Neon's proxy does, for a plain PostgreSQL: takes a WebSocket at `/?address=host:port` and
 * pipes its binary frames to and from a TCP connection to that address.
 */
export async function startWsRelay(): Promise<WsRelay> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  let connections = 0;
  server.on("connection", (socket, request) => {
    connections++;
    const address = new URL(request.url ?? "/", "ws://relay").searchParams.get("address") ?? "";
    const separator = address.lastIndexOf(":");
    const tcp = net.connect(Number(address.slice(separator + 1)), address.slice(0, separator));
    const stream = createWebSocketStream(socket);
    stream.pipe(tcp).pipe(stream);
    stream.on("error", () => tcp.destroy());
    tcp.on("error", () => stream.destroy());
  });
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const client of server.clients) client.terminate();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Points the Neon serverless driver at the relay, over plain ws:// and without pipelining. */
export function routeNeonThrough(relay: WsRelay): void {
  neonConfig.webSocketConstructor = ws;
  neonConfig.wsProxy = (host, port) => `127.0.0.1:${relay.port}/?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false;
  neonConfig.pipelineTLS = false;
}
