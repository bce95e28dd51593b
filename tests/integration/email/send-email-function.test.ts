import { InngestTestEngine, mockCtx } from "@inngest/test";
import { eq } from "drizzle-orm";
import type { Context } from "inngest";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { emails, outboxEvents, workspaces } from "@/db/schema";
import { sendEmail } from "@/inngest/functions/send-email";
import { describeOnPrivateDatabase } from "../jobs/private-database";
import { startFakeResend, type FakeResend } from "./fake-resend";
import { queueTestEmail, TEST_SECRET } from "./helpers";

// A function must never reach Inngest from a test.
const sendEvent = vi.fn(() => {
  throw new Error("step.sendEvent called: functions emit through the outbox");
});
const transformCtx = (ctx: Context.Any) => {
  const mocked = mockCtx(ctx);
  return { ...mocked, step: { ...mocked.step, sendEvent } } as Context.Any;
};

describeOnPrivateDatabase("email/send through @inngest/test", ({ db }) => {
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
    vi.stubEnv("RESEND_API_KEY", "re_inngest_test");
    vi.stubEnv("RESEND_BASE_URL", resend.baseUrl);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function queued() {
    const [workspace] = await db().insert(workspaces).values({ name: "Inngest email test" }).returning();
    const { id } = await queueTestEmail(workspace!.id);
    return { workspaceId: workspace!.id, emailId: id };
  }
  const engine = (data: Record<string, unknown>) =>
    new InngestTestEngine({ function: sendEmail.inngestFunction, events: [{ name: "email/queued", data }], transformCtx });

  it("runs the deliver step once, sends the email and records email/sent in the outbox", async () => {
    const ref = await queued();
    const { result, ctx, error } = await engine(ref).execute();
    expect(error).toBeUndefined();
    expect(ctx.step.run).toHaveBeenCalledTimes(1);
    expect(ctx.step.run).toHaveBeenCalledWith("deliver", expect.any(Function));
    expect(result).toEqual({ status: "sent", providerId: resend.accepted.get(`email/${ref.emailId}`) });
    expect(resend.requests).toHaveLength(1);
    const [row] = await db().select().from(emails).where(eq(emails.id, ref.emailId));
    expect(row!.status).toBe("sent");
    const sent = (await db().select().from(outboxEvents).where(eq(outboxEvents.name, "email/sent"))).filter((e) => e.data.emailId === ref.emailId);
    expect(sent).toHaveLength(1);
    expect(sendEvent).not.toHaveBeenCalled();
  });

  it("a failing send fails the step (Inngest retries it) and leaves the email queued", async () => {
    const ref = await queued();
    resend.failNext();
    const { error } = await engine(ref).execute();
    expect(error).toBeDefined();
    const [row] = await db().select().from(emails).where(eq(emails.id, ref.emailId));
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
  });

  it("rejects a payload that is not an email reference, sending nothing", async () => {
    const { error } = await engine({ workspaceId: "w", emailId: 1 }).execute();
    expect(error).toBeDefined();
    expect(resend.requests).toHaveLength(0);
  });
});
