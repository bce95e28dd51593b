import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { automations, automationViewMatches, workspaces } from "@/db/schema";
import { runAutomations } from "@/inngest/functions/run-automations";
import { activateAutomation, createAutomation, switchOffAutomation } from "@/lib/automations/mutations";
import { localMinuteOf } from "@/lib/automations/rules";
import { planViewMatch, type ViewMatchRef } from "@/lib/automations/runtime";
import { createAutomationSchema, type StepInput } from "@/lib/automations/schemas";
import { runDueViewChecks, runViewCheck } from "@/lib/automations/view-checks";
import { trashDatasheet } from "@/lib/datasheets/trash";
import { EmbeddedRuntime } from "@/lib/jobs/embedded-runtime";
import { addLocalDays, localDateOf } from "@/lib/time/zoned";
import { createView } from "@/lib/views/views";
import { createWorkspace } from "../../factories";
import { createTestClient, datasheetRow, outboxOf } from "../../factories/datasheets";
import { createTestModule } from "../../factories/modules";
import { TEST_SECRET } from "../email/helpers";
import { describeOnPrivateDatabase } from "../jobs/private-database";
import { createTemplate, emailsOf, moveTo, runsOf, todosOf } from "./helpers";

const MINUTE = 60_000;
const BUDAPEST = "Europe/Budapest";
const NINE = 9 * 60;
const silent = { warn: () => {}, error: () => {} };

/**
 * The days of these tests: day 0 is the day after tomorrow in the zone, so every check and every
 * activation is in the future of the real clock (the services stamp real times) and of each other.
 */
const firstDay = localDateOf(new Date(Date.now() + 2 * 24 * 60 * MINUTE), BUDAPEST);
const at = (day: number, minute: number, zone = BUDAPEST) => localMinuteOf(addLocalDays(firstDay, day), minute, zone);

// The view checks take every automation of the database: a database of the suite's own.
describeOnPrivateDatabase("automations matching a view", ({ db }) => {
  beforeEach(() => vi.stubEnv("AUTH_SECRET", TEST_SECRET));
  afterEach(async () => {
    vi.unstubAllEnvs();
    // The checks look at every automation of the database: each test's are switched off after it.
    await db().update(automations).set({ activatedAt: null });
  });

  /** A workspace in `zone` with a module, a template, a shared view of one status ("Waiting") and clients in and out of it. */
  async function setup(zone = BUDAPEST) {
    const ws = await createWorkspace();
    await db().update(workspaces).set({ timeZone: zone }).where(eq(workspaces.id, ws.workspace.id));
    const config = await createTestModule(ws.actors.admin, "sales_manual");
    const [, waiting, elsewhere] = config.groups[0]!.statuses;
    const templateId = await createTemplate(ws.actors.admin, config.module.id);
    const view = await createView(ws.actors.admin, { moduleId: config.module.id, name: "Waiting", isShared: true, definition: { statuses: [waiting!.key] } });
    const client = async (name: string, status: { id: string }) =>
      (
        await createTestClient(ws.actors.normal, config.module.id, {
          name,
          statusId: status.id,
          responsibleUserId: ws.users.normal.id,
          contacts: [{ name, email: `${name.toLowerCase().replace(/\W+/g, "-")}@example.com` }],
        })
      ).datasheetId;
    const a = await client("Alfa Kft", waiting!);
    const b = await client("Beta Bt", waiting!);
    const c = await client("Gamma Zrt", elsewhere!);
    return { ws, config, templateId, viewId: view.id, waiting: waiting!, elsewhere: elsewhere!, a, b, c, client };
  }

  type Setup = Awaited<ReturnType<typeof setup>>;

  /**
   * A saved automation matching the view, switched on through the service and then dated to the
   * start of day 0 (the service stamps the real now; the checks below are on later days).
   */
  async function viewAutomation(s: Setup, steps: Partial<StepInput>[], options: { repeatDays?: number; scheduleMinute?: number; zone?: string } = {}) {
    const input = createAutomationSchema.parse({
      moduleId: s.config.module.id,
      name: "Waiting reminder",
      trigger: "view_matched",
      viewId: s.viewId,
      scheduleMinute: options.scheduleMinute ?? NINE,
      repeatDays: options.repeatDays ?? null,
      steps,
    });
    const { id } = await createAutomation(db(), s.ws.actors.admin, input);
    await activateAutomation(db(), s.ws.actors.admin, id);
    await db()
      .update(automations)
      .set({ activatedAt: at(0, 0, options.zone) })
      .where(eq(automations.id, id));
    return id;
  }

  /** The embedded runtime with the automations job, its clock set to the test's moment. */
  function runtime() {
    let time = Date.now();
    const rt = new EmbeddedRuntime({ db: db(), jobs: [runAutomations], now: () => new Date(time), logger: silent });
    return {
      /** Runs the checks due at `now`, then everything they started. */
      async checkAt(now: Date) {
        time = Math.max(time, now.getTime());
        const result = await runDueViewChecks(db(), now);
        await rt.tick();
        return result;
      },
      async tickAt(now: Date) {
        time = Math.max(time, now.getTime());
        await rt.tick();
      },
    };
  }

  async function matchesOf(automationId: string) {
    return db().select().from(automationViewMatches).where(eq(automationViewMatches.automationId, automationId));
  }

  it("gives the datasheets the view matches its steps at the check — never a trashed one, nor one outside the view — and once", async () => {
    const s = await setup();
    const trashed = await s.client("Trashed Kft", s.waiting);
    await trashDatasheet(db(), s.ws.actors.admin, { datasheetId: trashed, version: (await datasheetRow(trashed)).version });
    const id = await viewAutomation(s, [
      { kind: "email_client", templateId: s.templateId },
      { kind: "todo_user", text: "Call them about the waiting order", dueDays: 1 },
    ]);
    const rt = runtime();

    // Before 9:00 on day 0: nothing is due.
    expect(await rt.checkAt(at(0, NINE - 1))).toEqual({ checks: 0, matched: 0 });
    expect(await matchesOf(id)).toEqual([]);

    expect(await rt.checkAt(at(0, NINE + 2))).toEqual({ checks: 1, matched: 2 });
    expect((await emailsOf(id)).map((e) => e.toAddress).sort()).toEqual(["alfa-kft@example.com", "beta-bt@example.com"]);
    for (const datasheetId of [s.a, s.b]) {
      const runs = await runsOf(id, datasheetId);
      expect(runs.map((r) => [r.stepKind, r.status, r.triggerKey])).toEqual([
        ["email_client", "done", `view:${dayText(0)}`],
        ["todo_user", "done", `view:${dayText(0)}`],
      ]);
      expect((await todosOf(datasheetId)).map((t) => t.text)).toEqual(["Call them about the waiting order"]);
    }
    expect(await runsOf(id, s.c)).toEqual([]);
    expect(await runsOf(id, trashed)).toEqual([]);
    const matches = await matchesOf(id);
    expect(matches.map((m) => [m.datasheetId, m.triggerKey, m.matchedOn, m.times]).sort()).toEqual(
      [
        [s.a, `view:${dayText(0)}`, dayText(0), 1],
        [s.b, `view:${dayText(0)}`, dayText(0), 1],
      ].sort(),
    );

    // The next checks: the same datasheets still match, and get nothing again.
    expect(await rt.checkAt(at(0, NINE + 7))).toEqual({ checks: 0, matched: 0 });
    expect(await rt.checkAt(at(1, NINE + 2))).toEqual({ checks: 1, matched: 0 });
    expect(await rt.checkAt(at(5, NINE + 2))).toEqual({ checks: 1, matched: 0 });
    expect(await emailsOf(id)).toHaveLength(2);
    expect(await todosOf(s.a)).toHaveLength(1);

    // A datasheet that comes into the view later gets its steps at the next check, once.
    await moveTo(s.ws.actors.normal, s.config, s.c, s.waiting.key);
    expect(await rt.checkAt(at(6, NINE + 2))).toEqual({ checks: 1, matched: 1 });
    expect((await emailsOf(id)).map((e) => e.toAddress)).toContain("gamma-zrt@example.com");
    expect(await emailsOf(id)).toHaveLength(3);
  });

  it("never runs one check twice: a re-run, two processes at once and a repeated event start nothing more", async () => {
    const s = await setup();
    const id = await viewAutomation(s, [{ kind: "email_client", templateId: s.templateId }]);
    const rt = runtime();
    const checkAt = at(0, NINE);
    // Two processes take the same check at the same time: one runs it, the other finds it taken.
    const both = await Promise.all([runViewCheck(db(), id, checkAt, BUDAPEST, at(0, NINE + 1)), runViewCheck(db(), id, checkAt, BUDAPEST, at(0, NINE + 1))]);
    expect(both.sort()).toEqual([2, null]);
    await rt.tickAt(at(0, NINE + 1));
    expect(await emailsOf(id)).toHaveLength(2);

    // The check forgotten (a restored backup, a crash after the commit): run again, it matches nothing new.
    await db().update(automations).set({ lastCheckAt: null }).where(eq(automations.id, id));
    expect(await runViewCheck(db(), id, checkAt, BUDAPEST, at(0, NINE + 2))).toBe(0);
    // The same event delivered again: its steps are planned already, and done.
    const [event] = await outboxOf(s.ws.workspace.id, "automation/view.matched");
    const planned = await planViewMatch(db(), event!.data as unknown as ViewMatchRef);
    expect(planned).toEqual([]);
    await rt.tickAt(at(0, NINE + 3));
    expect(await emailsOf(id)).toHaveLength(2);
    expect((await runsOf(id, s.a)).map((r) => r.status)).toEqual(["done"]);
  });

  it("repeats every N days for a datasheet that still matches, counted in local days, and not before", async () => {
    const s = await setup();
    const id = await viewAutomation(s, [{ kind: "email_client", templateId: s.templateId }], { repeatDays: 2 });
    const rt = runtime();
    expect((await rt.checkAt(at(0, NINE + 1))).matched).toBe(2);
    expect((await rt.checkAt(at(1, NINE + 1))).matched).toBe(0);
    // Day 2, a few minutes earlier in the day than day 0's run: two local days are enough.
    expect((await rt.checkAt(at(2, NINE))).matched).toBe(2);
    expect((await rt.checkAt(at(3, NINE + 1))).matched).toBe(0);
    expect((await rt.checkAt(at(4, NINE + 1))).matched).toBe(2);
    const sent = await emailsOf(id);
    expect(sent).toHaveLength(6);
    expect((await runsOf(id, s.a)).map((r) => r.triggerKey).sort()).toEqual([`view:${dayText(0)}`, `view:${dayText(2)}`, `view:${dayText(4)}`]);
    const [match] = (await matchesOf(id)).filter((m) => m.datasheetId === s.a);
    expect(match).toMatchObject({ matchedOn: dayText(4), times: 3, triggerKey: `view:${dayText(4)}` });
  });

  it("leaves a datasheet that stopped matching: no repeat for it, and its delayed step is skipped", async () => {
    const s = await setup();
    const id = await viewAutomation(
      s,
      [
        { kind: "todo_user", text: "First call" },
        { kind: "email_client", templateId: s.templateId, delayMinutes: 24 * 60 },
      ],
      { repeatDays: 1 },
    );
    const rt = runtime();
    expect((await rt.checkAt(at(0, NINE + 1))).matched).toBe(2);
    expect((await runsOf(id, s.a)).map((r) => r.status)).toEqual(["done", "pending"]);

    // Alfa leaves the view before its delayed email is due; Beta stays.
    await moveTo(s.ws.actors.normal, s.config, s.a, s.elsewhere.key);
    await rt.tickAt(at(1, NINE + 2));
    expect((await runsOf(id, s.a)).map((r) => [r.status, r.reason])).toEqual([
      ["done", null],
      ["skipped", "viewUnmatched"],
    ]);
    expect((await runsOf(id, s.b)).map((r) => r.status)).toEqual(["done", "done"]);
    expect((await emailsOf(id)).map((e) => e.toAddress)).toEqual(["beta-bt@example.com"]);

    // The next day's check repeats the steps for Beta only.
    expect(await rt.checkAt(at(1, NINE + 3))).toEqual({ checks: 1, matched: 1 });
    expect((await runsOf(id, s.a)).filter((r) => r.triggerKey === `view:${dayText(1)}`)).toEqual([]);
    expect((await runsOf(id, s.b)).filter((r) => r.triggerKey === `view:${dayText(1)}`).map((r) => r.stepKind)).toEqual(["todo_user", "email_client"]);
  });

  it("does nothing while switched off or never switched on, and a switched-off automation's planned steps are skipped", async () => {
    const s = await setup();
    const draftInput = createAutomationSchema.parse({
      moduleId: s.config.module.id,
      name: "Draft",
      trigger: "view_matched",
      viewId: s.viewId,
      steps: [{ kind: "email_client", templateId: s.templateId }],
    });
    const draft = (await createAutomation(db(), s.ws.actors.admin, draftInput)).id;
    const id = await viewAutomation(s, [
      { kind: "email_client", templateId: s.templateId },
      { kind: "email_client", templateId: s.templateId, delayMinutes: 60 },
    ]);
    const rt = runtime();
    expect((await rt.checkAt(at(0, NINE + 1))).matched).toBe(2);
    await switchOffAutomation(db(), s.ws.actors.admin, id);
    await rt.tickAt(at(0, NINE + 90));
    expect((await runsOf(id, s.a)).map((r) => [r.status, r.reason])).toEqual([
      ["done", null],
      ["skipped", "automationOff"],
    ]);
    // Switched off: the next checks do not even look.
    await moveTo(s.ws.actors.normal, s.config, s.c, s.waiting.key);
    expect(await rt.checkAt(at(1, NINE + 1))).toEqual({ checks: 0, matched: 0 });
    expect(await runsOf(id, s.c)).toEqual([]);
    expect(await matchesOf(draft)).toEqual([]);
    expect(await emailsOf(draft)).toEqual([]);
    expect(await emailsOf(id)).toHaveLength(2);
    // A check the automation was switched off for cannot be forced either.
    expect(await runViewCheck(db(), id, at(1, NINE), BUDAPEST, at(1, NINE + 2))).toBeNull();
  });

  it("touches no other workspace: its datasheets in the same status and its own automations stay as they are", async () => {
    const mine = await setup();
    const theirs = await setup();
    const id = await viewAutomation(mine, [{ kind: "email_client", templateId: mine.templateId }]);
    // Their automation matches their view, but is switched off.
    const theirInput = createAutomationSchema.parse({
      moduleId: theirs.config.module.id,
      name: "Theirs",
      trigger: "view_matched",
      viewId: theirs.viewId,
      steps: [{ kind: "email_client", templateId: theirs.templateId }],
    });
    const theirId = (await createAutomation(db(), theirs.ws.actors.admin, theirInput)).id;
    const rt = runtime();
    expect(await rt.checkAt(at(0, NINE + 1))).toEqual({ checks: 1, matched: 2 });
    expect((await matchesOf(id)).map((m) => m.workspaceId)).toEqual([mine.ws.workspace.id, mine.ws.workspace.id]);
    for (const datasheetId of [theirs.a, theirs.b, theirs.c]) {
      expect(await db().select().from(automationViewMatches).where(eq(automationViewMatches.datasheetId, datasheetId))).toEqual([]);
      expect(await todosOf(datasheetId)).toEqual([]);
    }
    expect(await emailsOf(theirId)).toEqual([]);
    expect(await outboxOf(theirs.ws.workspace.id, "automation/view.matched")).toEqual([]);
  });

  it("checks at the chosen time on the workspace's own clock", async () => {
    const tokyo = await setup("Asia/Tokyo");
    const newYork = await setup("America/New_York");
    // Both at 7:30 their time, switched on at the start of their day 0.
    const inTokyo = await viewAutomation(tokyo, [{ kind: "email_client", templateId: tokyo.templateId }], { scheduleMinute: 450, zone: "Asia/Tokyo" });
    const inNewYork = await viewAutomation(newYork, [{ kind: "email_client", templateId: newYork.templateId }], { scheduleMinute: 450, zone: "America/New_York" });
    const rt = runtime();
    const tokyoCheck = at(0, 450, "Asia/Tokyo");
    const newYorkCheck = at(0, 450, "America/New_York");
    expect(newYorkCheck.getTime() - tokyoCheck.getTime()).toBeGreaterThanOrEqual(13 * 60 * MINUTE);

    expect(await rt.checkAt(new Date(tokyoCheck.getTime() - MINUTE))).toEqual({ checks: 0, matched: 0 });
    expect(await rt.checkAt(new Date(tokyoCheck.getTime() + MINUTE))).toEqual({ checks: 1, matched: 2 });
    expect(await emailsOf(inTokyo)).toHaveLength(2);
    expect(await emailsOf(inNewYork)).toEqual([]);
    const [tokyoMatch] = await matchesOf(inTokyo);
    expect(tokyoMatch!.matchedOn).toBe(dayText(0, "Asia/Tokyo"));

    expect(await rt.checkAt(new Date(newYorkCheck.getTime() - MINUTE))).toEqual({ checks: 0, matched: 0 });
    expect(await rt.checkAt(new Date(newYorkCheck.getTime() + MINUTE))).toEqual({ checks: 1, matched: 2 });
    expect(await emailsOf(inNewYork)).toHaveLength(2);
    const [newYorkMatch] = await matchesOf(inNewYork);
    expect(newYorkMatch!.matchedOn).toBe(dayText(0, "America/New_York"));
    expect(
      await db()
        .select({ lastCheckAt: automations.lastCheckAt })
        .from(automations)
        .where(and(eq(automations.id, inNewYork))),
    ).toEqual([{ lastCheckAt: newYorkCheck }]);
  });
});

/** Day N's date as text in the zone ("2026-12-05"): the local day of that day's 9:00. */
function dayText(day: number, zone = BUDAPEST): string {
  const date = localDateOf(localMinuteOf(addLocalDays(firstDay, day), NINE, zone), zone);
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}
