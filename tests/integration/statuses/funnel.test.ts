import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { datasheets } from "@/db/schema";
import { createClients } from "@/lib/datasheets/create";
import { updateDatasheetFields } from "@/lib/datasheets/field-values";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { addInvoice, markInvoicePaid } from "@/lib/invoices/mutations";
import { funnelModules, funnelOf, funnelReport, type FunnelReport } from "@/lib/statuses/funnel";
import { addTodo, completeTodo } from "@/lib/todos/mutations";
import { createWorkspace, type TestWorkspace } from "../../factories";
import { createAutomaticModule, createTestModule } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";

const DAY = 86_400_000;
/** Day 0 of the story: a Monday in April, away from daylight-saving changes. */
const day = (n: number) => new Date(Date.UTC(2026, 3, 6, 9) + n * DAY);
const APRIL = { from: "2026-04-01", to: "2026-04-30" };

async function version(id: string) {
  const [row] = await testDb().select({ version: datasheets.version }).from(datasheets).where(eq(datasheets.id, id));
  return row!.version;
}

/**
 * Three clients of one module, each through the services on the days it happened:
 * - Anna Bt. (the restricted user's): new day 0, todo day 2, done day 5, Closed lost day 9 → Failed;
 * - Béla Kft. (the normal user's): new day 0, todo day 1, done day 4, first invoice paid day 10 → One-time;
 * - Cecil Zrt. (nobody's): new day 1, Closed lost day 3 → Failed straight from Awaiting processing.
 */
async function story(ws: TestWorkspace) {
  const db = testDb();
  const admin = ws.actors.admin;
  const auto = await createAutomaticModule(admin);
  const company = (name: string) => ({ kind: "company" as const, name, email: null, phone: null, taxNumber: null });
  const base = { contacts: [], moduleId: auto.moduleId, statusId: null, fields: {} };
  const [anna, bela] = await createClients(
    db,
    admin,
    [
      { ...base, business: company("Anna Bt."), responsibleUserId: ws.actors.restricted.userId, createdAt: day(0) },
      { ...base, business: company("Béla Kft."), responsibleUserId: ws.actors.normal.userId, createdAt: day(0) },
    ],
    day(0),
  );
  const [cecil] = await createClients(db, admin, [{ ...base, business: company("Cecil Zrt."), responsibleUserId: null, createdAt: day(1) }], day(1));

  const todo = async (id: string, added: number, done: number) => {
    const { id: todoId } = await addTodo(db, admin, { datasheetId: id, text: "Call", dueAt: day(added + 1), assigneeUserId: null }, day(added));
    await completeTodo(db, admin, { todoId, version: 1 }, day(done));
  };
  const lost = async (id: string, on: number) =>
    updateDatasheetFields(db, admin, { datasheetId: id, version: await version(id), fields: { sales_status: "closed_lost" } }, day(on));

  await todo(bela!.datasheetId, 1, 4);
  await todo(anna!.datasheetId, 2, 5);
  await lost(cecil!.datasheetId, 3);
  await lost(anna!.datasheetId, 9);
  const { id: invoice } = await addInvoice(db, admin, { datasheetId: bela!.datasheetId, number: "B-1", amount: "250000", currency: "HUF", issuedOn: "2026-04-14", dueOn: null }, day(8));
  await markInvoicePaid(db, admin, { invoiceId: invoice, paidOn: "2026-04-16" }, day(10));
  return auto;
}

const row = (report: FunnelReport, key: string) => report.statuses.find((s) => s.key === key)!;

describeEachBackend("the funnel (SPEC §3.3)", () => {
  it("counts who entered each status, who moved on to the next group, the median days, and where the lost ones dropped out", async () => {
    const ws = await createWorkspace();
    const auto = await story(ws);
    const report = await funnelReport(testDb(), ws.actors.manager, auto.moduleId, APRIL, day(20));

    expect(report.period).toEqual(APRIL);
    expect(report.statuses.map((s) => s.key)).toEqual([
      "newsletter", "cold_list", "awaiting_processing", "awaiting_contact", "in_progress", "serious_prospect",
      "one_time", "returning", "regular", "failed", "forgotten", "inactive", "unreachable",
    ]);
    // Awaiting processing: all three; only Béla reached Customers; stays of 1, 2 and 2 days.
    expect(row(report, "awaiting_processing")).toMatchObject({ entered: 3, movedOn: 1, medianDays: 2, stays: 3 });
    // Awaiting contact: Anna and Béla, 3 days each.
    expect(row(report, "awaiting_contact")).toMatchObject({ entered: 2, movedOn: 1, medianDays: 3, stays: 2 });
    // In progress: Anna 4 days, Béla 6 days.
    expect(row(report, "in_progress")).toMatchObject({ entered: 2, movedOn: 1, medianDays: 5, stays: 2 });
    expect(row(report, "serious_prospect")).toMatchObject({ entered: 0, movedOn: 0, medianDays: null, stays: 0 });
    // Customers have no next group; a stay not yet ended has no length.
    expect(row(report, "one_time")).toMatchObject({ entered: 1, movedOn: null, medianDays: null, stays: 0 });
    expect(row(report, "failed")).toMatchObject({ entered: 2, movedOn: null });
    expect(report.groups).toEqual([
      { key: "marketing", name: expect.any(String), entered: 0, movedOn: 0 },
      { key: "sales", name: expect.any(String), entered: 3, movedOn: 1 },
      { key: "customers", name: expect.any(String), entered: 1, movedOn: null },
      { key: "non_customers", name: expect.any(String), entered: 2, movedOn: null },
    ]);
    // Where we lose them: Cecil straight from Awaiting processing, Anna from In progress.
    const failed = report.dropOuts.find((d) => d.key === "failed")!;
    expect(failed.total).toBe(2);
    expect(failed.lastSales.map(({ key, count }) => ({ key, count }))).toEqual([
      { key: "awaiting_processing", count: 1 },
      { key: "in_progress", count: 1 },
    ]);
    expect(report.dropOuts.filter((d) => d.key !== "failed").every((d) => d.total === 0)).toBe(true);
  });

  it("counts only what began in the period: a later month is empty, and a stay is measured to its end even after the period", async () => {
    const ws = await createWorkspace();
    const auto = await story(ws);
    const may = await funnelReport(testDb(), ws.actors.admin, auto.moduleId, { from: "2026-05-01", to: "2026-05-31" }, day(60));
    expect(may.statuses.every((s) => s.entered === 0)).toBe(true);
    expect(may.dropOuts.every((d) => d.total === 0)).toBe(true);

    // The first week only (days 0–5 are April 6–11): Anna's In progress began on day 5 and ended on day 9.
    const week = await funnelReport(testDb(), ws.actors.admin, auto.moduleId, { from: "2026-04-06", to: "2026-04-11" }, day(60));
    expect(row(week, "awaiting_processing").entered).toBe(3);
    expect(row(week, "in_progress")).toMatchObject({ entered: 2, medianDays: 5 });
    expect(row(week, "one_time").entered).toBe(0);
    // Cecil dropped out on day 3 (April 9); Anna on day 9, after the week.
    expect(week.dropOuts.find((d) => d.key === "failed")!.total).toBe(1);
  });

  it("restricted users see only their datasheets and those of nobody in the counts, and do not reach the report", async () => {
    const ws = await createWorkspace();
    const auto = await story(ws);
    const restricted = await funnelOf(testDb(), ws.actors.restricted, auto.moduleId, APRIL, day(20));
    // Anna (theirs) and Cecil (nobody's); not Béla.
    expect(row(restricted, "awaiting_processing").entered).toBe(2);
    expect(row(restricted, "one_time").entered).toBe(0);
    expect(restricted.dropOuts.find((d) => d.key === "failed")!.total).toBe(2);

    for (const role of ["restricted", "normal"] as const) {
      await expect(funnelReport(testDb(), ws.actors[role], auto.moduleId, APRIL)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(funnelModules(testDb(), ws.actors[role])).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await funnelModules(testDb(), ws.actors.manager)).toEqual([{ id: auto.moduleId, name: expect.any(String) }]);
  });

  it("a trashed datasheet leaves the counts", async () => {
    const ws = await createWorkspace();
    const auto = await story(ws);
    await testDb().update(datasheets).set({ deletedAt: day(11) }).where(eq(datasheets.moduleId, auto.moduleId));
    const report = await funnelReport(testDb(), ws.actors.admin, auto.moduleId, APRIL, day(20));
    expect(report.statuses.every((s) => s.entered === 0)).toBe(true);
  });

  it("another workspace's module, a module that is not automatic, or a bad id: not found", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const auto = await createAutomaticModule(ws.actors.admin);
    const manual = await createTestModule(ws.actors.admin);
    await expect(funnelReport(testDb(), other.actors.admin, auto.moduleId, APRIL)).rejects.toBeInstanceOf(NotFoundError);
    await expect(funnelReport(testDb(), ws.actors.admin, manual.module.id, APRIL)).rejects.toBeInstanceOf(NotFoundError);
    await expect(funnelReport(testDb(), ws.actors.admin, "not-an-id", APRIL)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a period backwards, too long or not a date is refused, naming the field", async () => {
    const ws = await createWorkspace();
    const auto = await createAutomaticModule(ws.actors.admin);
    const refused = async (period: { from?: string; to?: string }) => {
      const error = await funnelReport(testDb(), ws.actors.admin, auto.moduleId, period).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fieldErrors;
    };
    expect(await refused({ from: "2026-05-01", to: "2026-04-01" })).toEqual({ to: "periodOrder" });
    expect(await refused({ from: "2020-01-01", to: "2026-04-01" })).toEqual({ from: "periodTooLong" });
    expect(await refused({ from: "2026-02-30", to: "2026-04-01" })).toEqual({ from: "dateInvalid" });
    expect(await refused({ from: "yesterday" })).toEqual({ from: "dateInvalid" });
    // No period: the twelve months up to today.
    const report = await funnelReport(testDb(), ws.actors.admin, auto.moduleId, {}, new Date("2026-12-02T10:00:00Z"));
    expect(report.period).toEqual({ from: "2026-01-01", to: "2026-12-02" });
    const june = await funnelReport(testDb(), ws.actors.admin, auto.moduleId, { to: "2026-06-15" });
    expect(june.period).toEqual({ from: "2025-07-01", to: "2026-06-15" });
  });
});
