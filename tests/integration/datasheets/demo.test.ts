import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useConnection } from "@/db/client";
import type { Connection } from "@/db/drivers/types";
import { datasheets, modules, todos, users } from "@/db/schema";
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
    const [module] = await db.select().from(modules);
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
    expect(page.invoices[0]).toMatchObject({ number: "DB-2026/0142", currency: "HUF" });
    expect(page.fields.find((f) => f.key === "priority")?.value).toBe("high");
  });

  it("gives the restricted demo user their own clients and the unassigned ones, no others", async () => {
    const db = connection.db;
    const restricted = (await db.select().from(users).where(eq(users.email, "restricted@demo.test")))[0]!;
    const visible = await db.select().from(datasheets).where(visibleDatasheets(actorOf(restricted)));
    expect(visible.length).toBeGreaterThanOrEqual(4);
    expect(visible.length).toBeLessThan(12);
    expect(visible.every((s) => s.responsibleUserId === null || s.responsibleUserId === restricted.id)).toBe(true);
    expect(visible.some((s) => s.responsibleUserId === restricted.id)).toBe(true);
  });
});
