import { InngestTestEngine, mockCtx } from "@inngest/test";
import type { Context } from "inngest";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi, type MockInstance } from "vitest";
import { inngest } from "@/inngest/client";
import { runAutomations } from "@/inngest/functions/run-automations";
import { eq } from "drizzle-orm";
import { automations } from "@/db/schema";
import { viewChecks } from "@/inngest/functions/view-checks";
import { activateAutomation, createAutomation } from "@/lib/automations/mutations";
import { createAutomationSchema } from "@/lib/automations/schemas";
import { createView } from "@/lib/views/views";
import { createWorkspace } from "../../factories";
import { createTestClient, outboxOf } from "../../factories/datasheets";
import { createTestModule } from "../../factories/modules";
import { TEST_SECRET } from "../email/helpers";
import { describeOnPrivateDatabase } from "../jobs/private-database";
import { createTemplate, emailsOf, moveTo, newAutomation, runsOf, todosOf } from "./helpers";

// A function must never reach Inngest from a test: step.sendEvent and inngest.send would.
const sendEvent = vi.fn(() => {
  throw new Error("step.sendEvent called: functions emit through the outbox");
});
const sleepUntil = vi.fn(async () => undefined);
const transformCtx = (ctx: Context.Any) => {
  const mocked = mockCtx(ctx);
  return { ...mocked, step: { ...mocked.step, sendEvent, sleepUntil } } as Context.Any;
};

describeOnPrivateDatabase("automations/run through @inngest/test", ({ db }) => {
  let send: MockInstance<typeof inngest.send>;
  beforeAll(() => {
    send = vi.spyOn(inngest, "send").mockImplementation(async () => {
      throw new Error("inngest.send called outside a test that expects it");
    });
  });
  afterAll(() => send.mockRestore());
  beforeEach(() => {
    vi.stubEnv("AUTH_SECRET", TEST_SECRET);
    sleepUntil.mockClear();
  });
  afterEach(() => vi.unstubAllEnvs());

  it("plans, sleeps until a delayed step is due and runs each step in a step of its own; the same event again sends nothing", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "sales_manual");
    const templateId = await createTemplate(ws.actors.admin, config.module.id);
    const target = config.groups[0]!.statuses[1]!;
    const { datasheetId } = await createTestClient(ws.actors.normal, config.module.id, {
      responsibleUserId: ws.users.normal.id,
      contacts: [{ name: "Client", email: "client@example.com" }],
    });
    const id = await newAutomation(ws.actors.admin, config.module.id, target.id, [
      { kind: "email_client", templateId },
      { kind: "todo_user", text: "Follow up", delayMinutes: 60 },
    ]);
    await activateAutomation(db(), ws.actors.admin, id);
    await moveTo(ws.actors.normal, config, datasheetId, target.key);
    const [event] = (await outboxOf(ws.workspace.id, "datasheet/status.changed")).slice(-1);
    const events = [{ name: event!.name, data: event!.data }] as [{ name: string; data: Record<string, unknown> }];

    const engine = new InngestTestEngine({ function: runAutomations.inngestFunction, events, transformCtx });
    const { result, error, ctx } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject([
      { status: "done", reason: null },
      { status: "done", reason: null },
    ]);
    const runs = await runsOf(id, datasheetId);
    expect(ctx.step.run).toHaveBeenCalledWith("plan", expect.any(Function));
    for (const run of runs) expect(ctx.step.run).toHaveBeenCalledWith(`step:${run.id}`, expect.any(Function));
    // Only the delayed step sleeps (Inngest calls the handler again after each step, so the mock sees it again).
    expect(new Set(sleepUntil.mock.calls.map((call) => JSON.stringify(call)))).toEqual(new Set([JSON.stringify([`wait:${runs[1]!.id}`, runs[1]!.dueAt])]));

    const again = await new InngestTestEngine({ function: runAutomations.inngestFunction, events, transformCtx }).execute();
    expect(again.error).toBeUndefined();
    expect(again.result).toEqual([]);
    expect(await emailsOf(id)).toHaveLength(1);
    expect(await todosOf(datasheetId)).toHaveLength(1);
    expect(sendEvent).not.toHaveBeenCalled();
  });

  it("automations/view-checks records a view's match and emits it; automations/run plans and runs its steps from that event, once", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "sales_manual");
    const templateId = await createTemplate(ws.actors.admin, config.module.id);
    const target = config.groups[0]!.statuses[1]!;
    const view = await createView(ws.actors.admin, { moduleId: config.module.id, name: "Target", isShared: true, definition: { statuses: [target.key] } });
    const { datasheetId } = await createTestClient(ws.actors.normal, config.module.id, {
      statusId: target.id,
      contacts: [{ name: "Client", email: "view-client@example.com" }],
    });
    const input = createAutomationSchema.parse({
      moduleId: config.module.id,
      name: "Matching",
      trigger: "view_matched",
      viewId: view.id,
      scheduleMinute: 0,
      steps: [{ kind: "email_client", templateId }],
    });
    const { id } = await createAutomation(db(), ws.actors.admin, input);
    await activateAutomation(db(), ws.actors.admin, id);
    // Switched on two days ago, checked at local midnight: today's check is owed now.
    await db()
      .update(automations)
      .set({ activatedAt: new Date(Date.now() - 2 * 24 * 60 * 60_000) })
      .where(eq(automations.id, id));

    const cron = [{ name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" } }] as [{ name: string; data: Record<string, unknown> }];
    const checked = await new InngestTestEngine({ function: viewChecks.inngestFunction, events: cron, transformCtx }).execute();
    expect(checked.error).toBeUndefined();
    expect(checked.result).toMatchObject({ checks: expect.any(Number), matched: 1 });
    expect(checked.ctx.step.run).toHaveBeenCalledWith("checks", expect.any(Function));
    const [event] = await outboxOf(ws.workspace.id, "automation/view.matched");
    expect(event!.data).toMatchObject({ workspaceId: ws.workspace.id, automationId: id, datasheetId, triggerKey: expect.stringMatching(/^view:\d{4}-\d{2}-\d{2}$/) });
    const events = [{ name: event!.name, data: event!.data }] as [{ name: string; data: Record<string, unknown> }];

    const { result, error } = await new InngestTestEngine({ function: runAutomations.inngestFunction, events, transformCtx }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject([{ status: "done", reason: null }]);
    const again = await new InngestTestEngine({ function: runAutomations.inngestFunction, events, transformCtx }).execute();
    expect(again.result).toEqual([]);
    // Checked again at once: nothing is owed.
    const twice = await new InngestTestEngine({ function: viewChecks.inngestFunction, events: cron, transformCtx }).execute();
    expect(twice.result).toMatchObject({ matched: 0 });
    expect((await emailsOf(id)).map((e) => e.toAddress)).toEqual(["view-client@example.com"]);
    expect(sendEvent).not.toHaveBeenCalled();
  });
});
