import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useConnection } from "@/db/client";
import type { Connection } from "@/db/drivers/types";
import { automationStepRuns, datasheets, modules, statusChanges, statuses, todos, users } from "@/db/schema";
import { statusKeys } from "@/lib/statuses/derive";
import { seedDemoWorkspace } from "@/lib/demo/workspace";
import { visibleDatasheets } from "@/lib/datasheets/access";
import { getDatasheetPage } from "@/lib/datasheets/page";
import { createModuleFromKind } from "@/lib/modules/module-mutations";
import { actorOf } from "../../factories";
import { defaultsOf } from "../automations/helpers";
import { openPgliteClone } from "../../support/db";

describe("demo workspace clients", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openPgliteClone();
    useConnection(connection);
    expect(await seedDemoWorkspace(connection.db)).toBe(true);
  });
  afterAll(async () => {
    await connection.close();
  });

  it("has a Customer service module with a dozen living datasheets", async () => {
    const db = connection.db;
    const [module] = await db.select().from(modules).where(eq(modules.kind, "customer_service"));
    expect(module).toMatchObject({ name: "Customer service", kind: "customer_service" });
    const sheets = await db.select().from(datasheets).where(eq(datasheets.moduleId, module!.id));
    expect(sheets).toHaveLength(12);
    expect(sheets.filter((s) => s.responsibleUserId === null).length).toBeGreaterThanOrEqual(2);
    expect(sheets.filter((s) => s.nextTodoId !== null).length).toBeGreaterThanOrEqual(8);
    expect(sheets.filter((s) => s.lastContactAt !== null).length).toBeGreaterThanOrEqual(8);
    const [todoCount] = await db.select({ n: count() }).from(todos).where(eq(todos.workspaceId, module!.workspaceId));
    expect(todoCount!.n).toBeGreaterThan(10);
    const admin = (await db.select().from(users).where(eq(users.email, "admin@demo.test")))[0]!;
    const page = await getDatasheetPage(actorOf(admin), sheets.find((s) => s.businessName === "Hotel Aranyhíd Kft.")!.id);
    expect(page.contacts[0]?.name).toBe("Lakatos Judit");
    expect(page.history.map((h) => h.kind)).toEqual(expect.arrayContaining(["todo_done", "call", "email_received", "status_changed"]));
    expect(page.statusChanges).toHaveLength(1);
    expect(page.invoices[0]).toMatchObject({ number: "DB-2026/0142", currency: "HUF" });
    expect(page.fields.find((f) => f.key === "priority")?.value).toBe("high");
  });

  it("has an automatic Sales module with a client in every status, and Tesztiroda Kft.'s story in its status history", async () => {
    const db = connection.db;
    const [module] = await db.select().from(modules).where(eq(modules.kind, "sales_auto"));
    expect(module).toMatchObject({ name: "Sales" });
    const rows = await db
      .select({ name: datasheets.businessName, key: statuses.key })
      .from(datasheets)
      .innerJoin(statuses, eq(statuses.id, datasheets.statusId))
      .where(eq(datasheets.moduleId, module!.id));
    expect(rows.length).toBeGreaterThanOrEqual(30);
    const keys = new Set(rows.map((r) => r.key));
    expect([...keys].sort()).toEqual([...statusKeys].sort());
    const tesztiroda = (await db.select().from(datasheets).where(eq(datasheets.businessName, "Tesztiroda Kft.")))[0]!;
    const admin = (await db.select().from(users).where(eq(users.email, "admin@demo.test")))[0]!;
    const page = await getDatasheetPage(actorOf(admin), tesztiroda.id);
    expect(page.status.key).toBe("one_time");
    expect(page.statusChanges.map((c) => c.to.key).reverse()).toEqual(["awaiting_processing", "awaiting_contact", "in_progress", "serious_prospect", "one_time"]);
    expect(page.statusChanges[0]).toMatchObject({ reason: "closed_won_one_time", actorUserId: admin.id });
    // Time did its part too: the daily checks moved some, as the system.
    const byChecks = await db.select().from(statusChanges).where(and(eq(statusChanges.moduleId, module!.id), eq(statusChanges.actorSystem, "status_check")));
    expect(byChecks.map((c) => c.toKey).sort()).toEqual(["forgotten", "forgotten", "inactive", "inactive"]);
  });

  it("gives the automatic Sales module its default automations and templates, switched off, as New module does; the other modules none", async () => {
    const db = connection.db;
    const [sales] = await db.select().from(modules).where(eq(modules.kind, "sales_auto"));
    const [service] = await db.select().from(modules).where(eq(modules.kind, "customer_service"));
    const demo = await defaultsOf(sales!.id);
    expect(demo.automations.map((a) => [a.seedKey, a.name, a.status, a.activatedAt])).toEqual([
      ["sales_auto.awaiting_contact", "Quote late", "awaiting_contact", null],
      ["sales_auto.awaiting_processing", "New inquiry received", "awaiting_processing", null],
      ["sales_auto.one_time", "Thank you", "one_time", null],
    ]);
    expect(demo.templates.map((t) => t.name).sort()).toEqual(["New inquiry for you", "Thank you for your purchase", "The quote is late", "We received your request"]);
    const admin = (await db.select().from(users).where(eq(users.email, "admin@demo.test")))[0]!;
    const { id } = await createModuleFromKind(actorOf(admin), { kind: "sales_auto", name: "Sales too" });
    expect(await defaultsOf(id)).toEqual(demo);
    expect(await defaultsOf(service!.id)).toEqual({ templates: [], automations: [] });
    // Switched off: the demo's inquiries, made after them, started no step.
    expect(await db.select().from(automationStepRuns).where(eq(automationStepRuns.workspaceId, sales!.workspaceId))).toEqual([]);
  });

  it("gives the restricted demo user their own clients and the unassigned ones, no others", async () => {
    const db = connection.db;
    const restricted = (await db.select().from(users).where(eq(users.email, "restricted@demo.test")))[0]!;
    const [service] = await db.select().from(modules).where(eq(modules.kind, "customer_service"));
    const visible = await db.select().from(datasheets).where(and(visibleDatasheets(actorOf(restricted)), eq(datasheets.moduleId, service!.id)));
    expect(visible.length).toBeGreaterThanOrEqual(4);
    expect(visible.length).toBeLessThan(12);
    expect(visible.every((s) => s.responsibleUserId === null || s.responsibleUserId === restricted.id)).toBe(true);
    expect(visible.some((s) => s.responsibleUserId === restricted.id)).toBe(true);
  });
});
