import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emails, historyEntries, invoices, statusChanges } from "@/db/schema";
import type { Endpoint } from "@/lib/api/http";
import { listEmailsEndpoint } from "@/lib/api/v1/emails";
import { logHistoryEndpoint } from "@/lib/api/v1/history";
import { addInvoiceEndpoint, markInvoicePaidEndpoint } from "@/lib/api/v1/invoices";
import { listModulesEndpoint } from "@/lib/api/v1/modules";
import { runStatusChecksEndpoint } from "@/lib/api/v1/status-checks";
import { addTodoEndpoint, updateTodoEndpoint } from "@/lib/api/v1/todos";
import { trashDatasheet } from "@/lib/datasheets/trash";
import { archiveModule } from "@/lib/modules/module-mutations";
import { createWorkspace, uniqueSuffix, type TestWorkspace } from "../../factories";
import { createTestClient, datasheetRow, datasheetSnapshot } from "../../factories/datasheets";
import { createAutomaticModule, createTestModule } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";
import { apiKeyFor, callApi, type CallOptions } from "./helpers";

const DAY = 86_400_000;
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

type AnyEndpoint = Endpoint<never, never, never>;
const endpoint = (e: unknown) => e as AnyEndpoint;
const modulesApi = endpoint(listModulesEndpoint);
const addTodoApi = endpoint(addTodoEndpoint);
const updateTodoApi = endpoint(updateTodoEndpoint);
const historyApi = endpoint(logHistoryEndpoint);
const addInvoiceApi = endpoint(addInvoiceEndpoint);
const payInvoiceApi = endpoint(markInvoicePaidEndpoint);
const emailsApi = endpoint(listEmailsEndpoint);
const checksApi = endpoint(runStatusChecksEndpoint);

/** A call that must succeed: its status, and an answer that holds to the endpoint's documented schema. */
async function ok(api: AnyEndpoint, options: CallOptions) {
  const answer = await callApi(api, options);
  expect(answer.status, JSON.stringify(answer.json)).toBe(api.response.status);
  api.response.schema!.parse(answer.json);
  return answer.json;
}

/** A refused call: its status as problem+json, and nothing of the workspace changed. */
async function refused(ws: TestWorkspace, api: AnyEndpoint, options: CallOptions, status: number) {
  const before = await datasheetSnapshot(ws.workspace.id);
  const answer = await callApi(api, options);
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
  expect(answer.headers.get("content-type")).toBe("application/problem+json");
  expect(await datasheetSnapshot(ws.workspace.id)).toEqual(before);
  return answer.json;
}

/**
 * A workspace with a manual sales module, keys for every role and for another workspace's admin,
 * a datasheet the normal user is responsible for (out of the restricted user's reach) and one of
 * nobody (within it).
 */
async function setup() {
  const ws = await createWorkspace();
  const other = await createWorkspace();
  const moduleId = (await createTestModule(ws.actors.admin)).module.id;
  const keys = {
    admin: await apiKeyFor(ws.actors.admin),
    manager: await apiKeyFor(ws.actors.admin, ws.actors.manager),
    normal: await apiKeyFor(ws.actors.admin, ws.actors.normal),
    restricted: await apiKeyFor(ws.actors.admin, ws.actors.restricted),
    otherAdmin: await apiKeyFor(other.actors.admin),
  };
  const { datasheetId: theirs } = await createTestClient(ws.actors.admin, moduleId, { responsibleUserId: ws.actors.normal.userId });
  const { datasheetId: nobodys } = await createTestClient(ws.actors.admin, moduleId);
  return { ws, other, moduleId, keys, theirs, nobodys };
}

const tomorrow = () => new Date(Date.now() + DAY).toISOString();

describeEachBackend("REST API v1: modules, todos, history, invoices, emails, status checks", () => {
  describe("GET /modules", () => {
    it("lists the active modules with their statuses in board order and their groups' keys", async () => {
      const ws = await createWorkspace();
      const other = await createWorkspace();
      const manual = await createTestModule(ws.actors.admin, "sales_manual", "Deals");
      const auto = await createAutomaticModule(ws.actors.admin);
      const archived = await createTestModule(ws.actors.admin, "projects", "Old projects");
      await archiveModule(ws.actors.admin, archived.module.id);
      await createTestModule(other.actors.admin, "customer_service", "Theirs");

      const { data } = await ok(modulesApi, { key: await apiKeyFor(ws.actors.admin, ws.actors.restricted) });
      expect(data.map((m: { id: string }) => m.id)).toEqual([manual.module.id, auto.moduleId]);
      expect(data[0]).toMatchObject({ name: "Deals", kind: "sales_manual" });
      const automatic = data[1];
      expect(automatic.kind).toBe("sales_auto");
      expect(automatic.statuses).toHaveLength(13);
      expect(automatic.statuses.map((s: { position: number }) => s.position)).toEqual([...Array(13).keys()]);
      expect(automatic.statuses.find((s: { key: string }) => s.key === "forgotten")).toEqual({
        id: auto.statuses.forgotten,
        key: "forgotten",
        name: "Forgotten",
        group: "non_customers",
        color: expect.stringMatching(/^#[0-9a-f]{6}$/),
        position: expect.any(Number),
      });
      expect([...new Set(automatic.statuses.map((s: { group: string }) => s.group))]).toEqual(["marketing", "sales", "customers", "non_customers"]);
    });
  });

  describe("todos", () => {
    it("adds a todo (the responsible user gets it), marks it done, at a given time too, and opens it again", async () => {
      const { ws, keys, theirs } = await setup();
      const dueAt = tomorrow();
      const added = await ok(addTodoApi, { key: keys.manager, params: { id: theirs }, body: { text: "  Call about the chairs  ", dueAt } });
      expect(added).toEqual({
        id: expect.any(String),
        datasheetId: theirs,
        text: "Call about the chairs",
        dueAt,
        assigneeUserId: ws.actors.normal.userId,
        done: false,
        doneAt: null,
      });
      expect((await datasheetRow(theirs)).nextTodoId).toBe(added.id);

      const done = await ok(updateTodoApi, { key: keys.normal, params: { id: added.id }, body: { done: true } });
      expect(done).toMatchObject({ id: added.id, done: true });
      expect(Math.abs(Date.parse(done.doneAt) - Date.now())).toBeLessThan(60_000);
      const entries = await testDb()
        .select()
        .from(historyEntries)
        .where(and(eq(historyEntries.todoId, added.id), eq(historyEntries.kind, "todo_done")));
      expect(entries).toHaveLength(1);

      // Done already: the service says so.
      const again = await callApi(updateTodoApi, { key: keys.normal, params: { id: added.id }, body: { done: true } });
      expect(again.status).toBe(400);
      expect(again.json.detail).toBe("This todo is already done.");

      const reopened = await ok(updateTodoApi, { key: keys.normal, params: { id: added.id }, body: { done: false } });
      expect(reopened).toMatchObject({ done: false, doneAt: null });
      expect(await testDb().select().from(historyEntries).where(eq(historyEntries.todoId, added.id))).toEqual([]);

      // Done two days ago, as a billing system reports it: the contact counts from then.
      const twoDaysAgo = new Date(Date.now() - 2 * DAY);
      const earlier = await ok(updateTodoApi, { key: keys.normal, params: { id: added.id }, body: { done: true, doneAt: twoDaysAgo.toISOString() } });
      expect(earlier.doneAt).toBe(twoDaysAgo.toISOString());
      expect((await datasheetRow(theirs)).lastContactAt).toEqual(twoDaysAgo);
    });

    it("refuses another user's datasheet for a restricted key, another workspace, the trash, unknown fields and a time to come", async () => {
      const { ws, keys, theirs, nobodys } = await setup();
      const body = { text: "Call", dueAt: tomorrow() };
      for (const key of [keys.restricted, keys.otherAdmin]) await refused(ws, addTodoApi, { key, params: { id: theirs }, body }, 404);
      await refused(ws, addTodoApi, { key: keys.admin, params: { id: "not-a-uuid" }, body }, 404);
      await refused(ws, addTodoApi, { key: keys.admin, params: { id: UNKNOWN_ID }, body }, 404);
      const unknown = await refused(
        ws,
        addTodoApi,
        { key: keys.admin, params: { id: theirs }, body: { ...body, workspaceId: ws.workspace.id, version: 7 } },
        400,
      );
      expect(unknown.errors).toEqual([expect.objectContaining({ field: "workspaceId, version", code: "unknownField" })]);
      const invalid = await refused(ws, addTodoApi, { key: keys.admin, params: { id: theirs }, body: { text: "", dueAt: "tomorrow" } }, 400);
      expect(invalid.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ["text", "required"],
        ["dueAt", "datetimeInvalid"],
      ]);

      // A restricted user may work on a datasheet of nobody's.
      const mine = await ok(addTodoApi, { key: keys.restricted, params: { id: nobodys }, body });
      expect(mine.assigneeUserId).toBeNull();

      const { id: todoId } = await ok(addTodoApi, { key: keys.admin, params: { id: theirs }, body });
      for (const key of [keys.restricted, keys.otherAdmin]) await refused(ws, updateTodoApi, { key, params: { id: todoId }, body: { done: true } }, 404);
      await refused(ws, updateTodoApi, { key: keys.admin, params: { id: "42" }, body: { done: true } }, 404);
      const extra = await refused(ws, updateTodoApi, { key: keys.admin, params: { id: todoId }, body: { done: true, text: "Renamed" } }, 400);
      expect(extra.errors).toEqual([expect.objectContaining({ field: "text", code: "unknownField" })]);
      await refused(ws, updateTodoApi, { key: keys.admin, params: { id: todoId }, body: { done: false, doneAt: new Date().toISOString() } }, 400);
      await refused(ws, updateTodoApi, { key: keys.admin, params: { id: todoId }, body: {} }, 400);
      const future = await refused(ws, updateTodoApi, { key: keys.admin, params: { id: todoId }, body: { done: true, doneAt: tomorrow() } }, 400);
      expect(future.errors).toEqual([expect.objectContaining({ field: "doneAt", code: "occurredInFuture" })]);

      const { version } = await datasheetRow(theirs);
      await trashDatasheet(testDb(), ws.actors.admin, { datasheetId: theirs, version });
      await refused(ws, addTodoApi, { key: keys.admin, params: { id: theirs }, body }, 404);
      await refused(ws, updateTodoApi, { key: keys.admin, params: { id: todoId }, body: { done: true } }, 404);
    });
  });

  describe("POST /datasheets/{id}/history", () => {
    it("logs a call when it happened, as the key's user", async () => {
      const { ws, keys, theirs } = await setup();
      const occurredAt = new Date(Date.now() - 3 * DAY).toISOString();
      const entry = await ok(historyApi, { key: keys.normal, params: { id: theirs }, body: { kind: "call", body: "Wants 40 chairs.", occurredAt } });
      expect(entry).toEqual({
        id: expect.any(String),
        datasheetId: theirs,
        kind: "call",
        body: "Wants 40 chairs.",
        occurredAt,
        authorUserId: ws.actors.normal.userId,
      });
      expect((await datasheetRow(theirs)).lastContactAt).toEqual(new Date(occurredAt));
      const now = await ok(historyApi, { key: keys.normal, params: { id: theirs }, body: { kind: "email_received", body: "Thanks!" } });
      expect(Math.abs(Date.parse(now.occurredAt) - Date.now())).toBeLessThan(60_000);
    });

    it("refuses what the key may not see, kinds users do not log, unknown fields and a time to come", async () => {
      const { ws, keys, theirs } = await setup();
      const body = { kind: "note", body: "Note" };
      for (const key of [keys.restricted, keys.otherAdmin]) await refused(ws, historyApi, { key, params: { id: theirs }, body }, 404);
      await refused(ws, historyApi, { key: keys.admin, params: { id: "x" }, body }, 404);
      expect((await refused(ws, historyApi, { key: keys.admin, params: { id: theirs }, body: { ...body, kind: "todo_done" } }, 400)).errors).toEqual([
        expect.objectContaining({ field: "kind" }),
      ]);
      expect(
        (await refused(ws, historyApi, { key: keys.admin, params: { id: theirs }, body: { ...body, authorUserId: ws.actors.admin.userId } }, 400)).errors,
      ).toEqual([expect.objectContaining({ field: "authorUserId", code: "unknownField" })]);
      const future = await refused(ws, historyApi, { key: keys.admin, params: { id: theirs }, body: { ...body, occurredAt: tomorrow() } }, 400);
      expect(future.errors).toEqual([expect.objectContaining({ field: "occurredAt", code: "occurredInFuture" })]);
    });
  });

  describe("invoices", () => {
    it("adds an invoice and marks it paid: in the automatic sales module the sale is won, a one-time customer", async () => {
      const { ws, keys } = await setup();
      const auto = await createAutomaticModule(ws.actors.admin);
      const { datasheetId } = await createTestClient(ws.actors.normal, auto.moduleId, { name: "Tesztiroda Kft." });
      expect((await datasheetRow(datasheetId)).statusId).toBe(auto.statuses.awaiting_processing);
      const number = `2026-${uniqueSuffix()}`;

      const invoice = await ok(addInvoiceApi, {
        key: keys.normal,
        params: { id: datasheetId },
        body: { number, amount: "1 250 000,5", issuedAt: "2026-03-05T23:30:00-05:00", dueAt: "2026-03-13" },
      });
      expect(invoice).toEqual({
        id: expect.any(String),
        datasheetId,
        number,
        amount: { amount: "1250000.50", currency: "HUF" },
        issuedAt: "2026-03-05",
        dueAt: "2026-03-13",
        paidAt: null,
        createdAt: expect.any(String),
      });
      expect((await datasheetRow(datasheetId)).statusId).toBe(auto.statuses.awaiting_processing);

      const paid = await ok(payInvoiceApi, { key: keys.normal, params: { id: invoice.id }, body: { paidAt: "2026-03-10" } });
      expect(paid).toMatchObject({ id: invoice.id, paidAt: "2026-03-10T12:00:00.000Z" });
      expect(await datasheetRow(datasheetId)).toMatchObject({
        salesStatus: "closed_won",
        statusId: auto.statuses.one_time,
        statusReason: "closed_won_one_time",
      });
      const [change] = await testDb()
        .select()
        .from(statusChanges)
        .where(and(eq(statusChanges.datasheetId, datasheetId), eq(statusChanges.toKey, "one_time")));
      expect(change).toMatchObject({ actorUserId: ws.actors.normal.userId });

      const twice = await callApi(payInvoiceApi, { key: keys.normal, params: { id: invoice.id }, body: { paidAt: "2026-03-11" } });
      expect(twice.status).toBe(400);
      // A second invoice in another currency, issued by a time.
      const euro = await ok(addInvoiceApi, {
        key: keys.normal,
        params: { id: datasheetId },
        body: { number: `${number}-2`, amount: 99, currency: "eur", issuedAt: "2026-04-01T08:00:00Z" },
      });
      expect(euro).toMatchObject({ amount: { amount: "99.00", currency: "EUR" }, issuedAt: "2026-04-01", dueAt: null });
    });

    it("refuses what the key may not see, a taken number, a due day before the issue and unknown fields", async () => {
      const { ws, keys, theirs } = await setup();
      const number = `INV-${uniqueSuffix()}`;
      const body = { number, amount: "1000", issuedAt: "2026-03-05" };
      for (const key of [keys.restricted, keys.otherAdmin]) await refused(ws, addInvoiceApi, { key, params: { id: theirs }, body }, 404);
      await refused(ws, addInvoiceApi, { key: keys.admin, params: { id: "x" }, body }, 404);
      const early = await refused(ws, addInvoiceApi, { key: keys.admin, params: { id: theirs }, body: { ...body, dueAt: "2026-03-01" } }, 400);
      expect(early.errors).toEqual([expect.objectContaining({ field: "dueAt", code: "dueBeforeIssue" })]);
      const wrong = await refused(
        ws,
        addInvoiceApi,
        { key: keys.admin, params: { id: theirs }, body: { ...body, amount: "12.345", issuedAt: "2026-02-30" } },
        400,
      );
      expect(wrong.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ["amount", "moneyInvalid"],
        ["issuedAt", "dateInvalid"],
      ]);
      const extra = await refused(ws, addInvoiceApi, { key: keys.admin, params: { id: theirs }, body: { ...body, paidAt: "2026-03-05" } }, 400);
      expect(extra.errors).toEqual([expect.objectContaining({ field: "paidAt", code: "unknownField" })]);

      const { id } = await ok(addInvoiceApi, { key: keys.admin, params: { id: theirs }, body });
      const taken = await refused(ws, addInvoiceApi, { key: keys.admin, params: { id: theirs }, body }, 400);
      expect(taken.errors).toEqual([expect.objectContaining({ field: "number", code: "invoiceNumberTaken" })]);

      for (const key of [keys.restricted, keys.otherAdmin]) await refused(ws, payInvoiceApi, { key, params: { id }, body: { paidAt: "2026-03-10" } }, 404);
      await refused(ws, payInvoiceApi, { key: keys.admin, params: { id: UNKNOWN_ID }, body: { paidAt: "2026-03-10" } }, 404);
      await refused(ws, payInvoiceApi, { key: keys.admin, params: { id }, body: { paidAt: "2026-03-10", amount: "1" } }, 400);
      await refused(ws, payInvoiceApi, { key: keys.admin, params: { id }, body: {} }, 400);
      const [row] = await testDb().select().from(invoices).where(eq(invoices.id, id));
      expect(row!.paidAt).toBeNull();
    });
  });

  describe("GET /emails", () => {
    async function storedEmail(workspaceId: string, values: Partial<typeof emails.$inferInsert> & { createdAt: Date }) {
      const [row] = await testDb()
        .insert(emails)
        .values({
          workspaceId,
          template: "automation",
          idempotencyKey: `test-${uniqueSuffix()}`,
          toAddress: "info@tesztiroda.hu",
          fromAddress: "crm@example.test",
          subject: "Your quote",
          html: "<p>Quote</p>",
          text: "Quote",
          ...values,
        })
        .returning();
      return row!;
    }

    it("lists a datasheet's emails for a key that may see it, and only what the key's user may see without one", async () => {
      const { ws, other, keys, theirs, nobodys } = await setup();
      const at = (minutes: number) => new Date(Date.UTC(2026, 2, 5, 9, minutes));
      const automationId = crypto.randomUUID();
      const toTheirs = await storedEmail(ws.workspace.id, {
        datasheetId: theirs,
        automationId,
        status: "delivered",
        createdAt: at(1),
        sentAt: at(2),
        deliveredAt: at(3),
        openedAt: at(10),
      });
      const toNobodys = await storedEmail(ws.workspace.id, { datasheetId: nobodys, senderUserId: ws.actors.normal.userId, status: "sent", createdAt: at(4) });
      const toRestricted = await storedEmail(ws.workspace.id, { template: "password-reset", recipientUserId: ws.actors.restricted.userId, createdAt: at(5) });
      await storedEmail(ws.workspace.id, { template: "invitation", recipientUserId: ws.actors.manager.userId, createdAt: at(6) });
      await storedEmail(other.workspace.id, { createdAt: at(7) });

      const ofTheirs = await ok(emailsApi, { key: keys.normal, query: { datasheetId: theirs } });
      expect(ofTheirs).toEqual({
        data: [
          {
            id: toTheirs.id,
            datasheetId: theirs,
            automationId,
            kind: "transactional",
            template: "automation",
            to: "info@tesztiroda.hu",
            subject: "Your quote",
            status: "delivered",
            createdAt: at(1).toISOString(),
            sentAt: at(2).toISOString(),
            deliveredAt: at(3).toISOString(),
            openedAt: at(10).toISOString(),
            clickedAt: null,
            bouncedAt: null,
            complainedAt: null,
          },
        ],
        nextCursor: null,
      });

      // A restricted user's key: not the datasheet out of reach, nor its emails in the list.
      await refused(ws, emailsApi, { key: keys.restricted, query: { datasheetId: theirs } }, 404);
      const restricted = await ok(emailsApi, { key: keys.restricted });
      expect(restricted.data.map((e: { id: string }) => e.id)).toEqual([toRestricted.id, toNobodys.id]);
      // Another workspace's key, a trashed datasheet, an id that is none: not found.
      await refused(ws, emailsApi, { key: keys.otherAdmin, query: { datasheetId: theirs } }, 404);
      expect((await ok(emailsApi, { key: keys.otherAdmin })).data).toHaveLength(1);
      await refused(ws, emailsApi, { key: keys.admin, query: { datasheetId: "nope" } }, 404);

      // A manager reads the workspace's, a page at a time.
      const first = await ok(emailsApi, { key: keys.manager, query: { limit: "3" } });
      expect(first.data).toHaveLength(3);
      const rest = await ok(emailsApi, { key: keys.manager, query: { limit: "3", cursor: first.nextCursor } });
      expect(rest).toEqual({ data: [expect.objectContaining({ id: toTheirs.id })], nextCursor: null });

      const unknown = await refused(ws, emailsApi, { key: keys.admin, query: { workspaceId: other.workspace.id } }, 400);
      expect(unknown.errors).toEqual([expect.objectContaining({ field: "query.workspaceId", code: "unknownField" })]);
      await refused(ws, emailsApi, { key: keys.admin, query: { limit: "1000" } }, 400);

      const { version } = await datasheetRow(theirs);
      await trashDatasheet(testDb(), ws.actors.admin, { datasheetId: theirs, version });
      await refused(ws, emailsApi, { key: keys.admin, query: { datasheetId: theirs } }, 404);
    });
  });

  describe("POST /status-checks", () => {
    it("says what would move at any moment with dryRun, changing nothing, and moves them without it (admins only)", async () => {
      const { ws, keys, theirs } = await setup();
      const auto = await createAutomaticModule(ws.actors.admin);
      const { datasheetId: quiet } = await createTestClient(ws.actors.normal, auto.moduleId);
      const { datasheetId: busy } = await createTestClient(ws.actors.normal, auto.moduleId);
      await ok(addTodoApi, {
        key: keys.normal,
        params: { id: busy },
        body: { text: "Call in three months", dueAt: new Date(Date.now() + 90 * DAY).toISOString() },
      });
      const asOf = new Date(Date.now() + 60 * DAY).toISOString();

      for (const key of [keys.manager, keys.normal, keys.restricted]) await refused(ws, checksApi, { key, body: { asOf, dryRun: true } }, 403);
      await refused(ws, checksApi, { key: keys.admin, body: { asOf, dryRun: true, moduleId: auto.moduleId } }, 400);
      await refused(ws, checksApi, { key: keys.admin, body: { asOf: "in two months", dryRun: true } }, 400);

      const expected = [{ datasheetId: quiet, from: "awaiting_processing", to: "forgotten", reason: "no_contact" }];
      const before = await datasheetSnapshot(ws.workspace.id);
      expect(await ok(checksApi, { key: keys.admin, body: { asOf, dryRun: true } })).toEqual({ transitions: expected });
      expect(await datasheetSnapshot(ws.workspace.id)).toEqual(before);
      // Now nothing is due; another workspace's checks never see these.
      expect(await ok(checksApi, { key: keys.admin, body: { dryRun: true } })).toEqual({ transitions: [] });
      expect(await ok(checksApi, { key: keys.otherAdmin, body: { asOf, dryRun: true } })).toEqual({ transitions: [] });

      expect(await ok(checksApi, { key: keys.admin, body: { asOf } })).toEqual({ transitions: expected });
      expect(await datasheetRow(quiet)).toMatchObject({ statusId: auto.statuses.forgotten, statusReason: "no_contact" });
      expect((await datasheetRow(busy)).statusId).toBe(auto.statuses.awaiting_contact);
      expect((await datasheetRow(theirs)).statusId).toBe(before.datasheets.find((d) => d.id === theirs)!.statusId);
      const [change] = await testDb()
        .select()
        .from(statusChanges)
        .where(and(eq(statusChanges.datasheetId, quiet), eq(statusChanges.toKey, "forgotten")));
      expect(change).toMatchObject({ actorUserId: null, actorSystem: "status_check", reason: "no_contact" });
      expect(await ok(checksApi, { key: keys.admin, body: { asOf, dryRun: true } })).toEqual({ transitions: [] });
    });
  });
});
