import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

/**
 * Signed tracking tokens: `<emailId>.<index>.<mac>` for a link, `<emailId>.<mac>` for the open
 * pixel and the unsubscribe link. The MAC is an HMAC-SHA256 over the purpose and the parts, keyed
 * by a key derived from the server secret, so a token cannot be guessed or moved to another email,
 * link or purpose. Nothing is stored: the email row says where a link leads.
 */
export type TrackingPurpose = "open" | "click" | "unsubscribe";

function trackingKey(): Buffer {
  return createHmac("sha256", authSecret()).update("crm/email-tracking/v1").digest();
}

function mac(purpose: TrackingPurpose, parts: string[]): string {
  return createHmac("sha256", trackingKey())
    .update([purpose, ...parts].join("\u0000"))
    .digest("base64url");
}

export function signTrackingToken(purpose: TrackingPurpose, emailId: string, linkIndex?: number): string {
  const parts = linkIndex === undefined ? [emailId] : [emailId, String(linkIndex)];
  return [...parts, mac(purpose, parts)].join(".");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The email (and link) a token names, or null when it is malformed or its MAC is wrong. */
export function verifyTrackingToken(
  purpose: TrackingPurpose,
  token: string,
): { emailId: string; linkIndex: number | undefined } | null {
  const parts = token.split(".");
  const expectedLength = purpose === "click" ? 3 : 2;
  if (parts.length !== expectedLength) return null;
  const given = parts.pop()!;
  const [emailId, index] = parts as [string, string | undefined];
  if (!UUID.test(emailId)) return null;
  if (index !== undefined && !/^(0|[1-9]\d{0,3})$/.test(index)) return null;
  const expected = Buffer.from(mac(purpose, parts));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { emailId, linkIndex: index === undefined ? undefined : Number(index) };
}

/** A one-time token for a link (invitation, password reset): 256 random bits. */
export function newOneTimeToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored of a one-time token: only its SHA-256, so the table alone opens nothing. */
export function hashOneTimeToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
