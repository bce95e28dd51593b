import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addOpenPixel, trackLinks, withoutOpenPixel } from "@/lib/email/links";
import { hashOneTimeToken, newOneTimeToken, signTrackingToken, verifyTrackingToken } from "@/lib/email/tokens";

beforeAll(() => {
  vi.stubEnv("AUTH_SECRET", "unit-test-secret");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe("tracking tokens", () => {
  it("verify for their own purpose, email and link", () => {
    const id = randomUUID();
    expect(verifyTrackingToken("open", signTrackingToken("open", id))).toEqual({ emailId: id, linkIndex: undefined });
    expect(verifyTrackingToken("click", signTrackingToken("click", id, 3))).toEqual({ emailId: id, linkIndex: 3 });
    expect(verifyTrackingToken("unsubscribe", signTrackingToken("unsubscribe", id))).toEqual({ emailId: id, linkIndex: undefined });
  });

  it("do not carry over to another purpose, and depend on the server secret", () => {
    const id = randomUUID();
    const open = signTrackingToken("open", id);
    expect(verifyTrackingToken("unsubscribe", open)).toBeNull();
    expect(verifyTrackingToken("click", `${id}.0.${open.split(".")[1]}`)).toBeNull();
    vi.stubEnv("AUTH_SECRET", "another-secret");
    expect(verifyTrackingToken("open", open)).toBeNull();
    vi.stubEnv("AUTH_SECRET", "unit-test-secret");
    expect(verifyTrackingToken("open", open)).not.toBeNull();
  });

  it("any change to a click token makes it invalid", () => {
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), fc.nat(50), fc.nat(200), fc.string({ minLength: 1, maxLength: 2 }), (id, index, at, insert) => {
        const token = signTrackingToken("click", id, index);
        const position = at % token.length;
        const changed = token.slice(0, position) + insert + token.slice(position + 1);
        fc.pre(changed !== token);
        expect(verifyTrackingToken("click", changed)).toBeNull();
      }),
    );
  });
});

describe("one-time tokens", () => {
  it("are 256 random bits, stored only as their SHA-256", () => {
    const token = newOneTimeToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(newOneTimeToken()).not.toBe(token);
    expect(hashOneTimeToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOneTimeToken(token)).not.toContain(token);
  });
});

describe("click tracking", () => {
  const html =
    '<p><a href="https://a.example/x?y=1&amp;z=2" target="_blank">A</a> <a href="mailto:hi@example.test">mail</a> ' +
    '<a href="https://b.example/">B</a> <a href="https://a.example/x?y=1&amp;z=2">A again</a> ' +
    '<a href="https://crm.example/unsubscribe/t" data-unsubscribe="">Unsubscribe</a></p></body>';

  it("points each web link at its tracked URL, keeps the decoded targets once each, and leaves mailto and unsubscribe alone", () => {
    const tracked = trackLinks(html, (i) => `https://crm.example/c/${i}`);
    expect(tracked.links).toEqual(["https://a.example/x?y=1&z=2", "https://b.example/"]);
    expect([...tracked.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "https://crm.example/c/0",
      "mailto:hi@example.test",
      "https://crm.example/c/1",
      "https://crm.example/c/0",
      "https://crm.example/unsubscribe/t",
    ]);
  });

  it("adds an open pixel before </body> that the mailbox can take out again", () => {
    const withPixel = addOpenPixel(html, "https://crm.example/o/t");
    expect(withPixel).toMatch(/<img src="https:\/\/crm\.example\/o\/t" width="1" height="1" alt=""[^>]*\/><\/body>$/);
    expect(withoutOpenPixel(withPixel)).toBe(html);
  });
});
