import { isIP } from "node:net";

/**
 * The key every request shares when the caller's address cannot be known: no proxy is configured,
 * and Next.js gives route handlers and server actions no socket address (it fills X-Forwarded-For
 * from the socket only when the client sent none, so that header says whatever the client wants).
 */
export const UNKNOWN_ADDRESS = "unknown";

/**
 * How the app learns the caller's address. Forwarding headers are written by the client unless a
 * proxy in front of the app overwrites or appends to them, so they are read only when told so:
 * - `TRUSTED_PROXY_HOPS=<n>`: n proxies of ours stand in front; each appends the address it saw to
 *   X-Forwarded-For, so the n-th entry from the right is the one our outermost proxy wrote.
 * - on Vercel (`VERCEL` set): its own `x-vercel-forwarded-for` / `x-real-ip`, which it overwrites.
 * - otherwise none: every request is the same UNKNOWN_ADDRESS.
 */
export type ProxyTrust = { kind: "hops"; hops: number } | { kind: "vercel" } | { kind: "none" };

export function proxyTrust(env: Record<string, string | undefined> = process.env): ProxyTrust {
  const hops = env.TRUSTED_PROXY_HOPS?.trim();
  if (hops) {
    if (!/^\d+$/.test(hops) || Number(hops) > 20) throw new Error(`TRUSTED_PROXY_HOPS must be a whole number of proxies (0–20), not "${hops}".`);
    if (Number(hops) > 0) return { kind: "hops", hops: Number(hops) };
    return { kind: "none" };
  }
  if (env.VERCEL) return { kind: "vercel" };
  return { kind: "none" };
}

/** The caller's address as the trusted proxies report it, or UNKNOWN_ADDRESS. */
export function clientIp(headers: Headers, trust: ProxyTrust = proxyTrust()): string {
  if (trust.kind === "vercel") {
    return normalizeAddress(headers.get("x-vercel-forwarded-for")?.split(",")[0] ?? headers.get("x-real-ip") ?? "");
  }
  if (trust.kind === "hops") {
    const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim());
    // Fewer entries than proxies: the request did not come through all of them, and what it
    // carries was written by whoever sent it.
    if (entries.length < trust.hops) return UNKNOWN_ADDRESS;
    return normalizeAddress(entries[entries.length - trust.hops]!);
  }
  return UNKNOWN_ADDRESS;
}

/**
 * One key per address: IPv4 as is (also when written IPv4-mapped or with a port), IPv6 by its /64
 * network — anyone holding one address of a /64 holds them all, and would otherwise get a fresh
 * allowance of guesses for each.
 */
export function normalizeAddress(raw: string): string {
  let address = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.indexOf(":"));
  address = address.replace(/%.*$/, "");
  if (address.startsWith("::ffff:") && isIP(address.slice(7)) === 4) address = address.slice(7);
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
  return UNKNOWN_ADDRESS;
}

function expandIpv6(address: string): string[] {
  // An embedded IPv4 tail (::1.2.3.4) sits in the last two groups, outside the /64 kept.
  const [head, tail] = address.split("::") as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const left = groups(head);
  const right = groups(tail);
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(missing, 0)).fill("0"), ...right].map((group) => (group.includes(".") ? group : parseInt(group, 16).toString(16)));
}
