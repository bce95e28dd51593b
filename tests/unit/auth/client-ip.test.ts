import { describe, expect, it } from "vitest";
import { clientIp, normalizeAddress, proxyTrust, UNKNOWN_ADDRESS } from "@/lib/auth/client-ip";

const headers = (values: Record<string, string>) => new Headers(values);

describe("proxyTrust", () => {
  it("trusts nothing unless told: TRUSTED_PROXY_HOPS, else Vercel's own headers on Vercel", () => {
    expect(proxyTrust({})).toEqual({ kind: "none" });
    expect(proxyTrust({ TRUSTED_PROXY_HOPS: "0" })).toEqual({ kind: "none" });
    expect(proxyTrust({ TRUSTED_PROXY_HOPS: " 2 " })).toEqual({ kind: "hops", hops: 2 });
    expect(proxyTrust({ VERCEL: "1" })).toEqual({ kind: "vercel" });
    expect(proxyTrust({ VERCEL: "1", TRUSTED_PROXY_HOPS: "1" })).toEqual({ kind: "hops", hops: 1 });
  });

  it("refuses a setting that is not a number of proxies", () => {
    expect(() => proxyTrust({ TRUSTED_PROXY_HOPS: "yes" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => proxyTrust({ TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe("clientIp", () => {
  it("ignores every forwarding header when no proxy is configured", () => {
    const spoofed = headers({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10", "x-vercel-forwarded-for": "203.0.113.11" });
    expect(clientIp(spoofed, { kind: "none" })).toBe(UNKNOWN_ADDRESS);
    expect(clientIp(headers({}), { kind: "none" })).toBe(UNKNOWN_ADDRESS);
  });

  it("takes the entry the outermost trusted proxy appended: the n-th from the right", () => {
    // The client wrote "6.6.6.6"; our one proxy appended the address it saw.
    const oneHop = headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7" });
    expect(clientIp(oneHop, { kind: "hops", hops: 1 })).toBe("198.51.100.7");
    // A CDN then a load balancer: the CDN's entry is second from the right.
    const twoHops = headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" });
    expect(clientIp(twoHops, { kind: "hops", hops: 2 })).toBe("198.51.100.7");
  });

  it("gives the unknown address when the header has fewer entries than proxies, or garbage", () => {
    expect(clientIp(headers({ "x-forwarded-for": "198.51.100.7" }), { kind: "hops", hops: 2 })).toBe(UNKNOWN_ADDRESS);
    expect(clientIp(headers({}), { kind: "hops", hops: 1 })).toBe(UNKNOWN_ADDRESS);
    expect(clientIp(headers({ "x-forwarded-for": "1.2.3.4, not-an-address" }), { kind: "hops", hops: 1 })).toBe(UNKNOWN_ADDRESS);
  });

  it("reads Vercel's own headers on Vercel", () => {
    expect(clientIp(headers({ "x-vercel-forwarded-for": "198.51.100.7", "x-forwarded-for": "6.6.6.6" }), { kind: "vercel" })).toBe("198.51.100.7");
    expect(clientIp(headers({ "x-real-ip": "198.51.100.8" }), { kind: "vercel" })).toBe("198.51.100.8");
  });
});

describe("normalizeAddress", () => {
  it("keeps IPv4, unwraps IPv4-mapped IPv6 and ports", () => {
    expect(normalizeAddress(" 198.51.100.7 ")).toBe("198.51.100.7");
    expect(normalizeAddress("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(normalizeAddress("198.51.100.7:51234")).toBe("198.51.100.7");
  });

  it("keys IPv6 by its /64 network, however written", () => {
    const key = "2001:db8:0:1::/64";
    expect(normalizeAddress("2001:db8:0:1::1")).toBe("2001:db8:0:1::/64");
    expect(normalizeAddress("2001:0DB8:0000:0001:ffff:1:2:3")).toBe(key);
    expect(normalizeAddress("[2001:db8:0:1::9]:443")).toBe(key);
    expect(normalizeAddress("2001:db8:0:2::1")).not.toBe(key);
    expect(normalizeAddress("::1")).toBe("0:0:0:0::/64");
  });

  it("gives the unknown address for anything else", () => {
    expect(normalizeAddress("")).toBe(UNKNOWN_ADDRESS);
    expect(normalizeAddress("unknown")).toBe(UNKNOWN_ADDRESS);
    expect(normalizeAddress("1.2.3.4|x@example.test")).toBe(UNKNOWN_ADDRESS);
  });
});
