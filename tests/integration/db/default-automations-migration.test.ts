import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { automations, emailTemplates } from "@/db/schema";
import { migrationsFolder } from "@/db/config";
import { createWorkspace } from "../../factories";
import { createAutomaticModule, createTestModule } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";
import { defaultsOf } from "../automations/helpers";

/**
 * Migration 0018 gives the automatic sales modules made before their defaults existed (the demo's,
 * older workspaces') what a new one gets from lib/automations/defaults.ts. Its data statement is
 * run here again over modules stripped of their defaults, beside modules it must leave alone.
 */
const [dataStatement, ...more] = fs
  .readFileSync(path.join(migrationsFolder(), "0018_default_automations.sql"), "utf8")
  .split("--> statement-breakpoint")
  .filter((statement) => /WITH target/.test(statement));

/** An automatic module as one made before the defaults: no default automation or template. */
async function withoutDefaults(moduleId: string): Promise<void> {
  const db = testDb();
  await db.delete(automations).where(eq(automations.moduleId, moduleId));
  await db.delete(emailTemplates).where(eq(emailTemplates.moduleId, moduleId));
}

describeEachBackend("migration 0018: the automatic module's default automations for existing modules", () => {
  it("gives a module without them the defaults New module gives, switched off, in the workspace's language — once", async () => {
    const db = testDb();
    expect(dataStatement).toBeDefined();
    expect(more).toEqual([]);
    for (const locale of ["en", "hu"] as const) {
      const ws = await createWorkspace({ locale });
      const fresh = await createAutomaticModule(ws.actors.admin);
      const old = await createAutomaticModule(ws.actors.admin);
      await withoutDefaults(old.moduleId);
      expect((await defaultsOf(old.moduleId)).automations).toEqual([]);

      await db.execute(dataStatement!);
      const expected = await defaultsOf(fresh.moduleId);
      expect(expected.automations.map((a) => [a.seedKey, a.status, a.activatedAt])).toEqual([
        ["sales_auto.awaiting_contact", "awaiting_contact", null],
        ["sales_auto.awaiting_processing", "awaiting_processing", null],
        ["sales_auto.one_time", "one_time", null],
      ]);
      expect(expected.templates).toHaveLength(4);
      expect(await defaultsOf(old.moduleId)).toEqual(expected);
      // The fresh module already had them: nothing added.
      expect(await defaultsOf(fresh.moduleId)).toEqual(expected);

      // Run again: nothing more, anywhere.
      await db.execute(dataStatement!);
      expect(await defaultsOf(old.moduleId)).toEqual(expected);
    }
  });

  it("leaves a module that has a default in the trash, keeps an admin's own template, and gives other kinds of module nothing", async () => {
    const db = testDb();
    const ws = await createWorkspace();
    const trashedOne = await createAutomaticModule(ws.actors.admin);
    await db
      .update(automations)
      .set({ deletedAt: new Date() })
      .where(and(eq(automations.moduleId, trashedOne.moduleId), eq(automations.seedKey, "sales_auto.one_time")));
    const before = await defaultsOf(trashedOne.moduleId);
    const manual = await createTestModule(ws.actors.admin, "sales_manual");
    // A module whose automations were lost but which kept one default template, edited.
    const kept = await createAutomaticModule(ws.actors.admin);
    await db.delete(automations).where(eq(automations.moduleId, kept.moduleId));
    await db
      .delete(emailTemplates)
      .where(and(eq(emailTemplates.moduleId, kept.moduleId), eq(emailTemplates.seedKey, "sales_auto.quote_late")));
    await db
      .update(emailTemplates)
      .set({ subject: "Our own subject, {{business.name}}" })
      .where(and(eq(emailTemplates.moduleId, kept.moduleId), eq(emailTemplates.seedKey, "sales_auto.thank_you")));

    await db.execute(dataStatement!);
    expect(await defaultsOf(trashedOne.moduleId)).toEqual(before);
    expect(await defaultsOf(manual.module.id)).toEqual({ templates: [], automations: [] });
    const repaired = await defaultsOf(kept.moduleId);
    expect(repaired.automations.map((a) => a.seedKey)).toEqual(["sales_auto.awaiting_contact", "sales_auto.awaiting_processing", "sales_auto.one_time"]);
    // Each default template once: the kept ones used (the edited subject stays), the missing one made.
    expect(repaired.templates.map((t) => t.seedKey)).toEqual(["sales_auto.new_inquiry", "sales_auto.quote_late", "sales_auto.request_received", "sales_auto.thank_you"]);
    expect(repaired.templates.find((t) => t.seedKey === "sales_auto.thank_you")!.subject).toBe("Our own subject, {{business.name}}");
    expect(repaired.automations.flatMap((a) => a.steps.map((s) => s.settings.templateId))).toEqual([
      "sales_auto.quote_late",
      "sales_auto.request_received",
      "sales_auto.new_inquiry",
      "sales_auto.thank_you",
    ]);
  });
});
