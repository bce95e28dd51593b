import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { Webhook } from "svix";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/resend/route";
import { emailEvents, emails, emailSuppressions, outboxEvents } from "@/db/schema";
import { createWorkspace, uniqueEmail } from "../../factories";
import { describeEachBackend } from "../../support/db";
import { queueTestEmail, TEST_SECRET } from "./helpers";

// svix secrets are "whsec_" and base64.
const SECRET = `whsec_${Buffer.from("resend-webhook-test-secret-32byt").toString("base64")}`;
const OTHER_SECRET = `whsec_${Buffer.from("a-different-secret-of-32-bytes!!").toString("base64")}`;

function signed(payload: string, options: { secret?: string; id?: string; at?: Date } = {}) {
  const id = options.id ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  const signature = new Webhook(options.secret ?? SECRET).sign(id, at, payload);
  return { "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": signature };
}

function post(payload: string, headers: Record<string, string>) {
  return POST(new Request("http://localhost:3000/api/webhooks/resend", { method: "POST", body: payload, headers }));
}

const resendEvent = (type: string, providerId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type, created_at: "2026-03-02T10:00:00.000Z", data: { email_id: providerId, to: ["x@example.test"], ...extra } });

describeEachBackend("Resend webhooks", ({ db }) => {
  beforeEach(() => {
    vi.stubEnv("AUTH_SECRET", TEST_SECRET);
    vi.stubEnv("RESEND_WEBHOOK_SECRET", SECRET);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const rowOf = async (id: string) => (await db().select().from(emails).where(eq(emails.id, id)))[0]!;
  const eventsOf = (emailId: string) => db().select().from(emailEvents).where(eq(emailEvents.emailId, emailId));
  const outboxFor = async (name: string, emailId: string) =>
    (await db().select().from(outboxEvents).where(eq(outboxEvents.name, name)).orderBy(outboxEvents.createdAt)).filter((e) => e.data.emailId === emailId);

  /** A sent email as Resend knows it: with its provider id. */
  async function sentEmail() {
    const { workspace } = await createWorkspace();
    const to = uniqueEmail("client");
    const { id } = await queueTestEmail(workspace.id, { to });
    const providerId = `re_${randomUUID()}`;
    await db().update(emails).set({ status: "sent", providerId, sentAt: new Date() }).where(eq(emails.id, id));
    return { workspace, id, to, providerId };
  }

  it("a valid delivery is recorded, sets the time and status, and emits email/delivered", async () => {
    const { id, providerId, workspace } = await sentEmail();
    const payload = resendEvent("email.delivered", providerId);
    const response = await post(payload, signed(payload));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: "recorded" });
    expect(await rowOf(id)).toMatchObject({ status: "delivered", deliveredAt: new Date("2026-03-02T10:00:00.000Z") });
    expect((await outboxFor("email/delivered", id)).map((e) => e.data)).toEqual([
      { workspaceId: workspace.id, emailId: id, datasheetId: null, at: "2026-03-02T10:00:00.000Z" },
    ]);
  });

  it("a bounce and a complaint suppress the address and emit their events; a late delivery does not hide them", async () => {
    const bounced = await sentEmail();
    let payload = resendEvent("email.bounced", bounced.providerId);
    expect((await post(payload, signed(payload))).status).toBe(200);
    payload = resendEvent("email.delivered", bounced.providerId);
    expect((await post(payload, signed(payload))).status).toBe(200);
    expect(await rowOf(bounced.id)).toMatchObject({ status: "bounced", bouncedAt: expect.any(Date), deliveredAt: expect.any(Date) });
    expect(await outboxFor("email/bounced", bounced.id)).toHaveLength(1);

    const complained = await sentEmail();
    payload = resendEvent("email.complained", complained.providerId);
    expect((await post(payload, signed(payload))).status).toBe(200);
    expect(await rowOf(complained.id)).toMatchObject({ status: "complained", complainedAt: expect.any(Date) });
    expect(await outboxFor("email/complained", complained.id)).toHaveLength(1);

    for (const { workspace, to, id } of [bounced, complained]) {
      const rows = await db().select().from(emailSuppressions).where(eq(emailSuppressions.workspaceId, workspace.id));
      expect(rows).toEqual([expect.objectContaining({ address: to.toLowerCase(), emailId: id, reason: id === bounced.id ? "bounced" : "complained" })]);
    }
  });

  it("opens and clicks reported by Resend are stored too", async () => {
    const { id, providerId } = await sentEmail();
    let payload = resendEvent("email.opened", providerId);
    await post(payload, signed(payload));
    payload = resendEvent("email.clicked", providerId, { click: { link: "https://shop.example.test/offer" } });
    await post(payload, signed(payload));
    expect(await rowOf(id)).toMatchObject({ openedAt: expect.any(Date), clickedAt: expect.any(Date) });
    expect((await eventsOf(id)).map((e) => [e.type, e.url]).sort()).toEqual([
      ["clicked", "https://shop.example.test/offer"],
      ["opened", null],
    ]);
  });

  it("a replayed delivery (same svix-id) changes nothing the second time", async () => {
    const { id, providerId } = await sentEmail();
    const payload = resendEvent("email.bounced", providerId);
    const headers = signed(payload);
    expect(await (await post(payload, headers)).json()).toEqual({ result: "recorded" });
    const after = await rowOf(id);
    const replay = await post(payload, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ result: "replayed" });
    expect(await rowOf(id)).toEqual(after);
    expect((await eventsOf(id)).filter((e) => e.type === "bounced")).toHaveLength(1);
    expect(await outboxFor("email/bounced", id)).toHaveLength(1);
  });

  it("refuses unsigned, tampered, wrongly keyed and stale deliveries, and changes nothing", async () => {
    const { id, providerId, workspace } = await sentEmail();
    const payload = resendEvent("email.complained", providerId);
    const good = signed(payload);
    const cases: [string, string, Record<string, string>, number][] = [
      ["no headers", payload, {}, 400],
      ["no signature", payload, { "svix-id": good["svix-id"], "svix-timestamp": good["svix-timestamp"] }, 400],
      ["tampered body", payload.replace("email.complained", "email.delivered"), good, 401],
      ["wrong secret", payload, signed(payload, { secret: OTHER_SECRET }), 401],
      ["old timestamp", payload, signed(payload, { at: new Date(Date.now() - 10 * 60_000) }), 401],
      ["future timestamp", payload, signed(payload, { at: new Date(Date.now() + 10 * 60_000) }), 401],
      ["garbage signature", payload, { ...good, "svix-signature": "v1,AAAA" }, 401],
    ];
    for (const [name, body, headers, status] of cases) {
      expect((await post(body, headers)).status, name).toBe(status);
    }
    expect(await rowOf(id)).toMatchObject({ status: "sent", complainedAt: null, deliveredAt: null });
    expect(await eventsOf(id)).toEqual([]);
    expect(await db().select().from(emailSuppressions).where(eq(emailSuppressions.workspaceId, workspace.id))).toEqual([]);
    expect(await outboxFor("email/complained", id)).toEqual([]);
  });

  it("without RESEND_WEBHOOK_SECRET every delivery is refused", async () => {
    vi.stubEnv("RESEND_WEBHOOK_SECRET", "");
    const { id, providerId } = await sentEmail();
    const payload = resendEvent("email.delivered", providerId);
    expect((await post(payload, signed(payload))).status).toBe(401);
    expect((await rowOf(id)).status).toBe("sent");
  });

  it("a delivery about an email the app does not know is acknowledged and ignored", async () => {
    const payload = resendEvent("email.delivered", `re_${randomUUID()}`);
    const response = await post(payload, signed(payload));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: "ignored" });
  });
});
