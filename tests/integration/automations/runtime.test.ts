import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { automations, jobRuns, users } from "@/db/schema";
import { runAutomations } from "@/inngest/functions/run-automations";
import { activateAutomation, restoreAutomation, switchOffAutomation, trashAutomation } from "@/lib/automations/mutations";
import { getDatasheetAutomationRuns } from "@/lib/automations/queries";
import { executeStepRun, planStatusChange } from "@/lib/automations/runtime";
import { EmbeddedRuntime } from "@/lib/jobs/embedded-runtime";
import { createWorkspace } from "../../factories";
import { createTestClient, outboxOf } from "../../factories/datasheets";
import { createAutomaticModule, createTestModule } from "../../factories/modules";
import { TEST_SECRET } from "../email/helpers";
import { describeOnPrivateDatabase } from "../jobs/private-database";
import { createTemplate, emailsOf, moveTo, newAutomation, runsOf, todosOf } from "./helpers";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const silent = { warn: () => {}, error: () => {} };

/** A clock the test moves by hand, a minute ahead so rows stamped now() are due. */
function controlledClock() {
  let time = Date.now() + MINUTE;
  return { now: () => new Date(time), advance: (ms: number) => void (time += ms) };
}

// The automation runtime on a database of its own: the embedded runtime takes every due event.
describeOnPrivateDatabase("automations at run time", ({ db }) => {
  beforeEach(() => vi.stubEnv("AUTH_SECRET", TEST_SECRET));
  afterEach(() => vi.unstubAllEnvs());

  async function setup() {
    const ws = await createWorkspace();
    await db().update(users).set({ signature: "Kovács Anna — *Sales*" }).where(eq(users.id, ws.users.normal.id));
    const config = await createTestModule(ws.actors.admin, "sales_manual");
    const templateId = await createTemplate(ws.actors.admin, config.module.id);
    const { datasheetId } = await createTestClient(ws.actors.normal, config.module.id, {
      name: "Tesztiroda Kft.",
      responsibleUserId: ws.users.normal.id,
      contacts: [{ name: "Szabó Péter", email: "peter@tesztiroda.example" }],
    });
    return { ws, config, templateId, datasheetId };
  }

  function runtime(clock = controlledClock()) {
    return { rt: new EmbeddedRuntime({ db: db(), jobs: [runAutomations], now: clock.now, logger: silent }), clock };
  }

  it("sends the client the template's email, merged, with the responsible user's signature, and gives the user a todo, when the status is entered", async () => {
    const { ws, config, templateId, datasheetId } = await setup();
    const id = await newAutomation(ws.actors.admin, config.module.id, config.groups[0]!.statuses[1]!.id, [
      { kind: "email_client", templateId },
      { kind: "todo_user", text: "Call Tesztiroda back", dueDays: 2 },
    ]);
    await activateAutomation(db(), ws.actors.admin, id);
    await moveTo(ws.actors.normal, config, datasheetId, config.groups[0]!.statuses[1]!.key);
    const { rt } = runtime();
    await rt.tick();

    const [email, ...more] = await emailsOf(id);
    expect(more).toEqual([]);
    expect(email).toMatchObject({ toAddress: "peter@tesztiroda.example", subject: "We received your request, Tesztiroda Kft.", status: "queued", datasheetId });
    expect(email!.text).toContain("Dear Szabó Péter");
    expect(email!.html).toContain("Kovács Anna");
    const [todo] = await todosOf(datasheetId);
    expect(todo).toMatchObject({ text: "Call Tesztiroda back", assigneeUserId: ws.users.normal.id, createdByUserId: null });
    expect((await runsOf(id, datasheetId)).map((r) => r.status)).toEqual(["done", "done"]);
    const panel = await getDatasheetAutomationRuns(db(), ws.actors.restricted, datasheetId).catch((e: unknown) => e);
    expect(panel).toBeInstanceOf(Error);
    const seen = await getDatasheetAutomationRuns(db(), ws.actors.normal, datasheetId);
    expect(seen.pending).toEqual([]);
    expect(seen.done.map((r) => [r.automationName, r.stepKind, r.status])).toEqual(
      expect.arrayContaining([
        ["Welcome", "email_client", "done"],
        ["Welcome", "todo_user", "done"],
      ]),
    );
    expect((await db().select().from(jobRuns).where(eq(jobRuns.functionId, runAutomations.id))).every((r) => r.status === "completed")).toBe(true);
  });

  it("sends one email for a duplicate event and for a retried step", async () => {
    const { ws, config, templateId, datasheetId } = await setup();
    const target = config.groups[0]!.statuses[2]!;
    const id = await newAutomation(ws.actors.admin, config.module.id, target.id, [{ kind: "email_client", templateId }]);
    await activateAutomation(db(), ws.actors.admin, id);
    await moveTo(ws.actors.normal, config, datasheetId, target.key);
    const [event] = (await outboxOf(ws.workspace.id, "datasheet/status.changed")).slice(-1);
    const ref = event!.data as { workspaceId: string; datasheetId: string; statusChangeId: string };

    const first = await planStatusChange(db(), ref);
    const second = await planStatusChange(db(), ref);
    expect(second).toEqual(first);
    expect(await executeStepRun(db(), first[0]!.id)).toEqual({ status: "done", reason: null });
    expect(await executeStepRun(db(), first[0]!.id)).toEqual({ status: "done", reason: null });
    // The same event delivered again to the whole function.
    const { rt } = runtime();
    await rt.tick();
    expect(await emailsOf(id)).toHaveLength(1);
  });

  it("skips a delayed step when the datasheet left the status first, and runs it when it stayed", async () => {
    const { ws, config, templateId, datasheetId } = await setup();
    const [, target, next] = config.groups[0]!.statuses;
    const id = await newAutomation(ws.actors.admin, config.module.id, target!.id, [
      { kind: "todo_user", text: "First call" },
      { kind: "email_client", templateId, delayMinutes: 3 * 24 * 60 },
    ]);
    await activateAutomation(db(), ws.actors.admin, id);
    const other = (await createTestClient(ws.actors.normal, config.module.id, { contacts: [{ name: "B", email: "b@example.com" }] })).datasheetId;
    await moveTo(ws.actors.normal, config, datasheetId, target!.key);
    await moveTo(ws.actors.normal, config, other, target!.key);
    const { rt, clock } = runtime();
    await rt.tick();
    expect((await runsOf(id, datasheetId)).map((r) => r.status)).toEqual(["done", "pending"]);
    const panel = await getDatasheetAutomationRuns(db(), ws.actors.normal, datasheetId);
    expect(panel.pending).toMatchObject([{ stepKind: "email_client", stepPosition: 1, automationName: "Welcome" }]);
    expect(panel.pending[0]!.dueAt.getTime()).toBeGreaterThan(Date.now() + 3 * DAY - 2 * MINUTE);

    await moveTo(ws.actors.normal, config, datasheetId, next!.key);
    clock.advance(3 * DAY);
    await rt.tick();
    expect((await runsOf(id, datasheetId)).map((r) => [r.status, r.reason])).toEqual([
      ["done", null],
      ["skipped", "statusChanged"],
    ]);
    expect((await runsOf(id, other)).map((r) => r.status)).toEqual(["done", "done"]);
    expect((await emailsOf(id)).map((e) => e.toAddress)).toEqual(["b@example.com"]);
  });

  it("sends nothing a switched-off automation had planned, and fires a restored one only once activated again, for changes after that", async () => {
    const { ws, config, templateId, datasheetId } = await setup();
    const [, target, next] = config.groups[0]!.statuses;
    const id = await newAutomation(ws.actors.admin, config.module.id, target!.id, [{ kind: "email_client", templateId, delayMinutes: 60 }]);
    await activateAutomation(db(), ws.actors.admin, id);
    await moveTo(ws.actors.normal, config, datasheetId, target!.key);
    const { rt, clock } = runtime();
    await rt.tick();
    expect((await runsOf(id, datasheetId)).map((r) => r.status)).toEqual(["pending"]);

    await switchOffAutomation(db(), ws.actors.admin, id);
    expect((await runsOf(id, datasheetId)).map((r) => [r.status, r.reason])).toEqual([["skipped", "automationOff"]]);
    clock.advance(2 * 60 * MINUTE);
    await rt.tick();
    expect(await emailsOf(id)).toEqual([]);

    // Activated again: the change from before does not fire it; trashed and restored: off until activated.
    await activateAutomation(db(), ws.actors.admin, id);
    await trashAutomation(db(), ws.actors.admin, id);
    await moveTo(ws.actors.normal, config, datasheetId, next!.key);
    await moveTo(ws.actors.normal, config, datasheetId, target!.key);
    await restoreAutomation(db(), ws.actors.admin, id);
    clock.advance(2 * 60 * MINUTE);
    await rt.tick();
    expect(await emailsOf(id)).toEqual([]);
    await activateAutomation(db(), ws.actors.admin, id);
    await moveTo(ws.actors.normal, config, datasheetId, next!.key);
    await moveTo(ws.actors.normal, config, datasheetId, target!.key);
    await rt.tick();
    clock.advance(2 * 60 * MINUTE);
    await rt.tick();
    expect(await emailsOf(id)).toHaveLength(1);
  });

  it("seeds the automatic module's defaults switched off; activated, a new inquiry gets the client's and the responsible user's emails", async () => {
    const ws = await createWorkspace();
    const auto = await createAutomaticModule(ws.actors.admin);
    const seeded = await db().select().from(automations).where(eq(automations.moduleId, auto.moduleId)).orderBy(automations.seedKey);
    expect(seeded.map((a) => [a.seedKey, a.activatedAt, a.statusId])).toEqual([
      ["sales_auto.awaiting_contact", null, auto.statuses.awaiting_contact],
      ["sales_auto.awaiting_processing", null, auto.statuses.awaiting_processing],
      ["sales_auto.one_time", null, auto.statuses.one_time],
    ]);
    // Switched off: a new inquiry before activation sends nothing.
    const { rt } = runtime();
    const early = await createTestClient(ws.actors.normal, auto.moduleId, {
      responsibleUserId: ws.users.normal.id,
      contacts: [{ name: "Early", email: "early@example.com" }],
    });
    await rt.tick();
    for (const a of seeded) await activateAutomation(db(), ws.actors.admin, a.id);
    const { datasheetId } = await createTestClient(ws.actors.normal, auto.moduleId, {
      name: "Tesztiroda Kft.",
      responsibleUserId: ws.users.normal.id,
      contacts: [{ name: "Szabó Péter", email: "peter@tesztiroda.example" }],
    });
    await rt.tick();
    const inquiry = seeded.find((a) => a.seedKey === "sales_auto.awaiting_processing")!;
    const sent = await emailsOf(inquiry.id);
    expect(sent.map((e) => [e.toAddress, e.datasheetId]).sort()).toEqual(
      [
        ["peter@tesztiroda.example", datasheetId],
        [ws.users.normal.email, null],
      ].sort(),
    );
    expect(sent.find((e) => e.toAddress === ws.users.normal.email)!.subject).toContain("Tesztiroda Kft.");
    expect(sent.some((e) => e.toAddress === "early@example.com")).toBe(false);
    expect(early.datasheetId).toBeDefined();
  });

  it("records a failure with its reason when the step has nobody to write to", async () => {
    const { ws, config, templateId } = await setup();
    const target = config.groups[0]!.statuses[1]!;
    const { datasheetId } = await createTestClient(ws.actors.normal, config.module.id, { name: "No Address Bt." });
    const id = await newAutomation(ws.actors.admin, config.module.id, target.id, [{ kind: "email_client", templateId }]);
    await activateAutomation(db(), ws.actors.admin, id);
    await moveTo(ws.actors.normal, config, datasheetId, target.key);
    await runtime().rt.tick();
    expect((await runsOf(id, datasheetId)).map((r) => [r.status, r.reason])).toEqual([["failed", "automationNoClientAddress"]]);
  });
});
