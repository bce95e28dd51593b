import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useConnection } from "@/db/client";
import type { Connection } from "@/db/drivers/types";
import { datasheets, modules, statusChanges, statuses, todos, users } from "@/db/schema";
import { statusKeys } from "@/lib/statuses/derive";
import { seedDemoWorkspace } from "@/lib/demo/workspace";
import { visibleDatasheets } from "@/lib/datasheets/access";
import { getDatasheetPage } from "@/lib/datasheets/page";
import { actorOf } from "../../factories";
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
