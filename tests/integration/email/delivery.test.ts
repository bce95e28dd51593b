import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { emails, jobRuns, outboxEvents } from "@/db/schema";
import { sendEmail } from "@/inngest/functions/send-email";
import { emailDelivery } from "@/lib/email/config";
import { deliverEmail } from "@/lib/email/send";
import { defineJob } from "@/lib/jobs/define";
import { EmbeddedRuntime } from "@/lib/jobs/embedded-runtime";
import { emailQueued } from "@/inngest/events";
import { BACKOFF_BASE_MS } from "@/lib/jobs/timing";
import { createWorkspace, uniqueEmail } from "../../factories";
import { describeOnPrivateDatabase } from "../jobs/private-database";
import { startFakeResend, type FakeResend } from "./fake-resend";
import { invitationTemplate, marketingTemplate, queueTestEmail, TEST_SECRET } from "./helpers";

const silent = { warn: () => {}, error: () => {} };

function controlledClock(start = new Date(Date.now() + 60_000)) {
  let time = start.getTime();
  return { now: () => new Date(time), advance: (ms: number) => void (time += ms) };
}

// The runtime takes every due outbox row of its database: a private one, so no other file's
// emails are sent to this file's fake server.
describeOnPrivateDatabase("email delivery through Resend", ({ db }) => {
  let resend: FakeResend;
  beforeAll(async () => {
    resend = await startFakeResend();
  });
  afterAll(async () => {
    await resend.close();
  });
  beforeEach(() => {
    resend.reset();
    vi.stubEnv("AUTH_SECRET", TEST_SECRET);
    vi.stubEnv("RESEND_API_KEY", "re_test_key");
    vi.stubEnv("RESEND_BASE_URL", resend.baseUrl);
    vi.stubEnv("EMAIL_FROM", "Test Kft. <crm@test.example>");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const rowOf = async (id: string) => (await db().select().from(emails).where(eq(emails.id, id)))[0]!;
  /** The earlier tests' events are not this test's business: mark them delivered. */
  const settleOutbox = () => db().update(outboxEvents).set({ dispatchedAt: new Date() }).where(isNull(outboxEvents.dispatchedAt));
  const runsFor = (functionId: string, emailId: string) =>
    db()
      .select({ status: jobRuns.status, attempts: jobRuns.attempts })
      .from(jobRuns)
      .innerJoin(outboxEvents, eq(outboxEvents.id, jobRuns.outboxEventId))
      .where(and(eq(jobRuns.functionId, functionId), sql`${outboxEvents.data}->>'emailId' = ${emailId}`));

  it("hands the stored email to the real SDK: key, idempotency key, from, to, subject, HTML, text and headers as stored", async () => {
    const { workspace } = await createWorkspace();
    const to = uniqueEmail("client");
    const { id } = await queueTestEmail(workspace.id, { to });
    expect(emailDelivery()).toBe("resend");
    // Nothing is sent by queueing: only the job sends.
    expect(resend.requests).toHaveLength(0);
    const stored = await rowOf(id);

    const result = await deliverEmail(db(), { workspaceId: workspace.id, emailId: id });

    expect(resend.requests).toHaveLength(1);
    const [request] = resend.requests;
    expect(request).toMatchObject({ method: "POST", path: "/emails" });
    expect(request!.headers.authorization).toBe("Bearer re_test_key");
    expect(request!.headers["idempotency-key"]).toBe(`email/${id}`);
    expect(request!.body).toMatchObject({
      from: "Test Kft. <crm@test.example>",
      to,
      subject: "Spring offer",
      html: stored.html,
      text: stored.text,
      headers: {
        "List-Unsubscribe": expect.stringMatching(/^<http:\/\/localhost:3000\/api\/email\/unsubscribe\/.+>$/),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    });
    expect(String(request!.body.html)).toMatch(/Office chairs at <strong[^>]*>20% off<\/strong>/);
    const providerId = resend.accepted.get(`email/${id}`)!;
    expect(result).toEqual({ status: "sent", providerId });
    expect(await rowOf(id)).toMatchObject({ status: "sent", providerId, attempts: 1, error: null, sentAt: expect.any(Date) });
    const sent = await db().select().from(outboxEvents).where(eq(outboxEvents.name, "email/sent"));
    expect(sent.map((e) => e.data)).toContainEqual({ workspaceId: workspace.id, emailId: id, datasheetId: null, providerId });

    // Delivering again (a retried run whose step result was lost) sends nothing.
    expect(await deliverEmail(db(), { workspaceId: workspace.id, emailId: id })).toEqual({ status: "sent", providerId });
    expect(resend.requests).toHaveLength(1);
  });

  it("does not deliver an email of another workspace under a forged payload", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    const { id } = await queueTestEmail(a.workspace.id);
    expect(await deliverEmail(db(), { workspaceId: b.workspace.id, emailId: id })).toEqual({ status: "missing", providerId: null });
    expect(resend.requests).toHaveLength(0);
    expect((await rowOf(id)).status).toBe("queued");
  });

  it("sends transactional mail without tracking or unsubscribe headers", async () => {
    const { workspace } = await createWorkspace();
    const { id } = await queueTestEmail(workspace.id, { template: invitationTemplate() });
    await deliverEmail(db(), { workspaceId: workspace.id, emailId: id });
    const body = resend.requests[0]!.body;
    expect(body.headers).toBeUndefined();
    expect(String(body.html)).toContain('href="http://localhost:3000/invite/test-token"');
    expect(String(body.html)).not.toContain("/api/email/");
    expect(body.subject).toBe("You are invited to Test Kft.");
  });

  it("through the embedded runtime: Resend failing once is retried, and the email goes out exactly once", async () => {
    await settleOutbox();
    const { workspace } = await createWorkspace();
    const { id } = await queueTestEmail(workspace.id);
    const clock = controlledClock();
    const runtime = new EmbeddedRuntime({ db: db(), jobs: [sendEmail], now: clock.now, logger: silent });
    resend.failNext();

    await runtime.tick();
    expect(await rowOf(id)).toMatchObject({ status: "queued", attempts: 1, error: "internal_server_error: try again" });
    expect(await runsFor(sendEmail.id, id)).toEqual([{ status: "queued", attempts: 1 }]);

    clock.advance(BACKOFF_BASE_MS);
    await runtime.tick();

    expect(resend.requests).toHaveLength(2);
    // Both attempts carried the same key: Resend would have dropped a repeat of an accepted email.
    expect(new Set(resend.requests.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([`email/${id}`]));
    expect(resend.accepted.size).toBe(1);
    expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 2, error: null, providerId: resend.accepted.get(`email/${id}`) });
    expect(await runsFor(sendEmail.id, id)).toEqual([{ status: "completed", attempts: 2 }]);

    // Later ticks find nothing to send.
    clock.advance(60 * 60_000);
    await runtime.tick();
    expect(resend.requests).toHaveLength(2);
  });

  it("a step after the send that throws once: the retried run replays the stored send and makes no second request", async () => {
    await settleOutbox();
    const { workspace } = await createWorkspace();
    const { id } = await queueTestEmail(workspace.id);
    let failures = 0;
    // The real send step, followed by a step that fails the first time (a crash after sending).
    const flaky = defineJob({ id: "test/send-then-fail", trigger: { event: emailQueued } }, async ({ event, run }) => {
      await run("deliver", async () => deliverEmail(db(), event.data));
      await run("after", async () => {
        if (failures++ === 0) throw new Error("crashed after sending");
        return null;
      });
    });
    const clock = controlledClock();
    const runtime = new EmbeddedRuntime({ db: db(), jobs: [flaky], now: clock.now, logger: silent });

    await runtime.tick();
    clock.advance(BACKOFF_BASE_MS);
    await runtime.tick();

    expect(failures).toBe(2);
    expect(resend.requests).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(await runsFor(flaky.id, id)).toEqual([{ status: "completed", attempts: 2 }]);
  });

  it("a permanent refusal (validation error) fails the email at once instead of retrying", async () => {
    await settleOutbox();
    const { workspace } = await createWorkspace();
    const { id } = await queueTestEmail(workspace.id);
    resend.failNext({ status: 422, body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field." } });
    const clock = controlledClock();
    const runtime = new EmbeddedRuntime({ db: db(), jobs: [sendEmail], now: clock.now, logger: silent });
    await runtime.tick();
    expect(await rowOf(id)).toMatchObject({ status: "failed", attempts: 1, error: "validation_error: Invalid `to` field." });
    expect(await runsFor(sendEmail.id, id)).toEqual([{ status: "failed", attempts: 1 }]);
    clock.advance(BACKOFF_BASE_MS * 10);
    await runtime.tick();
    expect(resend.requests).toHaveLength(1);
  });

  it("without RESEND_API_KEY the email is only kept (the outbox), and no request leaves", async () => {
    vi.stubEnv("RESEND_API_KEY", "");
    expect(emailDelivery()).toBe("outbox");
    const { workspace } = await createWorkspace();
    const { id } = await queueTestEmail(workspace.id, { template: marketingTemplate({ subject: "Kept here" }) });
    expect(await deliverEmail(db(), { workspaceId: workspace.id, emailId: id })).toEqual({ status: "sent", providerId: null });
    expect(resend.requests).toHaveLength(0);
    expect(await rowOf(id)).toMatchObject({ status: "sent", providerId: null, subject: "Kept here" });
  });
});
