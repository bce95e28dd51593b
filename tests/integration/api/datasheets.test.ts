import { describe, expect, it } from "vitest";
import type { Endpoint } from "@/lib/api/http";
import {
  apiDatasheetSchema,
  createDatasheetEndpoint,
  deleteDatasheetEndpoint,
  getDatasheetEndpoint,
  listDatasheetsEndpoint,
  listStatusChangesEndpoint,
  updateDatasheetEndpoint,
} from "@/lib/api/v1/datasheets";
import { createWorkspace } from "../../factories";
import { createTestClient, datasheetRow, datasheetSnapshot } from "../../factories/datasheets";
import { createAutomaticModule, createTestModule, statusByKey } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";
import type { FieldType } from "@/db/schema";
import { createField } from "@/lib/modules/field-mutations";
import { apiKeyFor, callApi, type CallOptions } from "./helpers";

const endpoint = (e: unknown) => e as Endpoint<never, never, never>;
const create = (options: CallOptions) => callApi(endpoint(createDatasheetEndpoint), options);
const list = (options: CallOptions) => callApi(endpoint(listDatasheetsEndpoint), options);
const read = (options: CallOptions) => callApi(endpoint(getDatasheetEndpoint), options);
const patch = (options: CallOptions) => callApi(endpoint(updateDatasheetEndpoint), options);
const remove = (options: CallOptions) => callApi(endpoint(deleteDatasheetEndpoint), options);
const statusChanges = (options: CallOptions) => callApi(endpoint(listStatusChangesEndpoint), options);

/** A workspace with a manual Sales module and the automatic one, and a key per role. */
async function setup() {
  const ws = await createWorkspace();
  const manual = await createTestModule(ws.actors.admin, "sales_manual");
  const auto = await createAutomaticModule(ws.actors.admin);
  const keys = {
    admin: await apiKeyFor(ws.actors.admin),
    manager: await apiKeyFor(ws.actors.admin, ws.actors.manager),
    restricted: await apiKeyFor(ws.actors.admin, ws.actors.restricted),
  };
  return { ws, manual, auto, keys };
}

describeEachBackend("REST API: datasheets", () => {
  describe("POST /datasheets", () => {
    it("creates a client in a manual module: business, contacts, first status, fields", async () => {
      const { ws, manual, keys } = await setup();
      const answer = await create({
        key: keys.manager,
        body: {
          moduleId: manual.module.id,
          business: { name: "Tölgy és Társa Bt.", email: "info@tolgy.hu", taxNumber: "12345678-2-42" },
          contacts: [{ name: "Kiss Péter", email: "peter@tolgy.hu", position: "Owner" }],
          responsibleUserId: ws.users.normal.id,
          fields: { deal_value: { amount: "1250000", currency: "HUF" }, source: "website" },
        },
      });
      expect(answer.status).toBe(201);
      expect(apiDatasheetSchema.parse(answer.json)).toBeTruthy();
      const first = statusByKey(manual, "new_lead");
      expect(answer.json).toMatchObject({
        moduleId: manual.module.id,
        business: { kind: "company", name: "Tölgy és Társa Bt.", email: "info@tolgy.hu", phone: null, taxNumber: "12345678-2-42" },
        contacts: [{ name: "Kiss Péter", email: "peter@tolgy.hu", position: "Owner", phone: null }],
        status: { id: first.id, key: "new_lead", name: "New lead", group: "open" },
        statusReason: "created",
        salesStatus: null,
        qualification: null,
        entry: null,
        responsibleUserId: ws.users.normal.id,
        fields: { deal_value: { amount: "1250000.00", currency: "HUF" }, source: "website", probability: null },
        version: 1,
      });
      expect(new Date(answer.json.createdAt).toISOString()).toBe(answer.json.createdAt);
      expect(await datasheetRow(answer.json.id)).toMatchObject({ workspaceId: ws.workspace.id, version: 1 });

      const chosen = statusByKey(manual, "quote_sent");
      const second = await create({ key: keys.admin, body: { moduleId: manual.module.id, business: { name: "Second Kft." }, statusId: chosen.id } });
      expect(second.json.status).toMatchObject({ key: "quote_sent", group: "open" });
    });

    it("makes a new inquiry in the automatic module, its status the rule's at once", async () => {
      const { ws, auto, keys } = await setup();
      const answer = await create({
        key: keys.restricted,
        body: { moduleId: auto.moduleId, business: { name: "Tesztiroda Kft.", email: "info@tesztiroda.hu" } },
      });
      expect(answer.status).toBe(201);
      expect(answer.json).toMatchObject({
        status: { id: auto.statuses.awaiting_processing, key: "awaiting_processing", name: "Awaiting processing", group: "sales" },
        statusReason: "new_inquiry",
        salesStatus: "in_progress",
        qualification: null,
        entry: "inquiry",
        responsibleUserId: null,
        fields: {},
      });
      const changes = await statusChanges({ key: keys.restricted, params: { id: answer.json.id } });
      expect(changes.status).toBe(200);
      expect(changes.json.data).toEqual([
        { from: null, to: "awaiting_processing", reason: "new_inquiry", actor: { type: "user", id: ws.users.restricted.id }, at: expect.any(String) },
      ]);

      const listed = await create({
        key: keys.admin,
        body: { moduleId: auto.moduleId, business: { name: "Bought Kft." }, entry: "list", qualification: "not_target_group" },
      });
      expect(listed.json).toMatchObject({
        status: { key: "cold_list", group: "marketing" },
        statusReason: "purchased_list",
        salesStatus: null,
        entry: "list",
        qualification: "not_target_group",
      });
    });

    it("refuses statusId in the automatic module and facts in a manual one, creating nothing", async () => {
      const { ws, manual, auto, keys } = await setup();
      const before = await datasheetSnapshot(ws.workspace.id);
      const refused = await create({ key: keys.admin, body: { moduleId: auto.moduleId, business: { name: "X Kft." }, statusId: auto.statuses.in_progress } });
      expect(refused.status).toBe(400);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      expect(refused.json.detail).toMatch(/^statusId: In the automatic sales module the status follows from the facts/);
      expect(refused.json.errors).toEqual([{ field: "statusId", code: "statusAutomatic", message: expect.any(String) }]);

      const facts = await create({
        key: keys.admin,
        body: { moduleId: manual.module.id, business: { name: "X Kft." }, salesStatus: "in_progress", entry: "list" },
      });
      expect(facts.status).toBe(400);
      expect(facts.json.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ["salesStatus", "automaticOnly"],
        ["entry", "automaticOnly"],
      ]);
      const byKey = await create({ key: keys.admin, body: { moduleId: auto.moduleId, business: { name: "X Kft." }, fields: { sales_status: "closed_won" } } });
      expect(byKey.json.errors).toEqual([{ field: "fields.sales_status", code: "factField", message: expect.any(String) }]);
      const badFact = await create({ key: keys.admin, body: { moduleId: auto.moduleId, business: { name: "X Kft." }, salesStatus: "won" } });
      expect(badFact.json.errors).toEqual([{ field: "salesStatus", code: "optionInvalid", message: "Choose one of the field's options." }]);
      const badField = await create({ key: keys.admin, body: { moduleId: manual.module.id, business: { name: "X Kft." }, fields: { source: "nowhere" } } });
      expect(badField.json.errors).toEqual([{ field: "fields.source", code: "optionInvalid", message: expect.any(String) }]);
      expect(await datasheetSnapshot(ws.workspace.id)).toEqual(before);
    });

    it("refuses mass assignment and unknown fields at every level, and another workspace's module", async () => {
      const { ws, manual, keys } = await setup();
      const other = await createWorkspace();
      const otherModule = await createTestModule(other.actors.admin, "sales_manual");
      const before = await datasheetSnapshot(ws.workspace.id);
      const base = { moduleId: manual.module.id, business: { name: "Mass Kft." } };
      for (const [body, field] of [
        [{ ...base, workspaceId: other.workspace.id }, "workspaceId"],
        [{ ...base, id: "4a3c1a1e-0000-4000-8000-000000000000" }, "id"],
        [{ ...base, version: 7 }, "version"],
        [{ ...base, business: { name: "Mass Kft.", workspaceId: other.workspace.id } }, "business.workspaceId"],
        [{ ...base, contacts: [{ name: "A", businessId: "x" }] }, "contacts.0.businessId"],
        [{ ...base, contacts: [{ name: "A", newsletterConsent: true }] }, "contacts.0.newsletterConsent"],
      ] as const) {
        const answer = await create({ key: keys.admin, body });
        expect(answer.status, field).toBe(400);
        expect(answer.json.errors, field).toEqual([{ field, code: "unknownField", message: expect.any(String) }]);
      }
      const foreign = await create({ key: keys.admin, body: { moduleId: otherModule.module.id, business: { name: "Mass Kft." } } });
      expect(foreign.status).toBe(400);
      expect(foreign.json.errors).toEqual([{ field: "moduleId", code: "moduleInvalid", message: expect.any(String) }]);
      const restricted = await create({ key: keys.restricted, body: { ...base, responsibleUserId: ws.users.normal.id } });
      expect(restricted.json.errors).toEqual([{ field: "responsibleUserId", code: "responsibleRestricted", message: expect.any(String) }]);
      expect(await datasheetSnapshot(ws.workspace.id)).toEqual(before);
      expect(await datasheetSnapshot(other.workspace.id)).toMatchObject({ businesses: [], datasheets: [] });
    });
  });

  describe("GET /datasheets", () => {
    it("reads every kind of field value back as it was written, in a page and alone", async () => {
      const { ws, manual, keys } = await setup();
      const moduleId = manual.module.id;
      const add = (label: string, type: FieldType, options?: string[]) => createField(ws.actors.admin, moduleId, { label, type, options });
      const made = {
        met: await add("Met on", "date"),
        call: await add("Call at", "datetime"),
        topics: await add("Topics", "multi_select", ["Price", "Support", "Training"]),
        signed: await add("Signed", "checkbox"),
        seats: await add("Seats", "number"),
        budget: await add("Budget", "money"),
        notes: await add("Notes", "long_text"),
      };
      const values = {
        [made.met.key]: "2026-11-29",
        [made.call.key]: "2026-12-03T08:15:00.000Z",
        [made.topics.key]: ["training", "price"],
        [made.signed.key]: false,
        [made.seats.key]: 12.5,
        [made.budget.key]: { amount: "1234567.89", currency: "EUR" },
        [made.notes.key]: "Két sor\n<b>not markup</b>",
      };
      const created = await create({ key: keys.admin, body: { moduleId, business: { name: "Every Field Kft." }, fields: values } });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      const expected = expect.objectContaining(values);
      expect((await read({ key: keys.admin, params: { id: created.json.id } })).json.fields).toEqual(expected);
      const page = await list({ key: keys.admin, query: { moduleId, q: "Every Field" } });
      expect(page.json.data).toHaveLength(1);
      expect(page.json.data[0].fields).toEqual(expected);
      expect(page.json.data[0]).toEqual((await read({ key: keys.admin, params: { id: created.json.id } })).json);
    });

    it("filters by status key, group, responsible and search, and pages with a cursor", async () => {
      const { ws, manual, keys } = await setup();
      const moduleId = manual.module.id;
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        const answer = await create({ key: keys.admin, body: { moduleId, business: { name: `Page ${i} Kft.` } } });
        made.push(answer.json.id);
      }
      const won = await create({ key: keys.admin, body: { moduleId, business: { name: "Winner Zrt." }, statusId: statusByKey(manual, "won").id } });
      const mine = await create({
        key: keys.admin,
        body: {
          moduleId,
          business: { name: "Assigned Bt." },
          contacts: [{ name: "Szabó Éva", email: "eva@assigned.hu" }],
          responsibleUserId: ws.users.normal.id,
        },
      });
      const names = (answer: { json: { data: { business: { name: string } }[] } }) => answer.json.data.map((d) => d.business.name);

      expect(names(await list({ key: keys.admin, query: { moduleId, status: "won" } }))).toEqual(["Winner Zrt."]);
      expect(names(await list({ key: keys.admin, query: { moduleId, group: "closed" } }))).toEqual(["Winner Zrt."]);
      expect(names(await list({ key: keys.admin, query: { moduleId, status: "won,new_lead", q: "winner" } }))).toEqual(["Winner Zrt."]);
      expect(names(await list({ key: keys.admin, query: { moduleId, responsibleUserId: ws.users.normal.id } }))).toEqual(["Assigned Bt."]);
      expect(names(await list({ key: keys.admin, query: { moduleId, q: "eva@assigned" } }))).toEqual(["Assigned Bt."]);
      expect((await list({ key: keys.admin, query: { moduleId, responsibleUserId: "none" } })).json.data).toHaveLength(6);
      expect((await list({ key: keys.admin, query: { moduleId, status: "lost" } })).json).toEqual({ data: [], nextCursor: null });

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { status: number; json: { data: { id: string }[]; nextCursor: string | null } } = await list({
          key: keys.manager,
          query: { moduleId, limit: "3", ...(cursor ? { cursor } : {}) },
        });
        expect(page.status).toBe(200);
        expect(page.json.data.length).toBeLessThanOrEqual(3);
        seen.push(...page.json.data.map((d) => d.id));
        cursor = page.json.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      // Each once (newest first; clients made in the same millisecond may come either way round).
      expect(seen).toHaveLength(7);
      expect(new Set(seen)).toEqual(new Set([mine.json.id, won.json.id, ...made]));
      for (const row of (await list({ key: keys.admin, query: { moduleId } })).json.data) apiDatasheetSchema.parse(row);
    });

    it("answers 400 naming the query parameter, and 404 for another workspace's module", async () => {
      const { manual, keys } = await setup();
      const other = await createWorkspace();
      const otherModule = await createTestModule(other.actors.admin, "sales_manual");
      await createTestClient(other.actors.admin, otherModule.module.id, { name: "Their client" });
      const missing = await list({ key: keys.admin, query: {} });
      expect(missing.status).toBe(400);
      expect(missing.json.errors).toEqual([{ field: "query.moduleId", code: "required", message: "Required." }]);
      expect(missing.json.detail).toBe("query.moduleId: Required.");
      for (const [query, field] of [
        [{ moduleId: manual.module.id, statusKey: "won" }, "query.statusKey"],
        [{ moduleId: manual.module.id, limit: "0" }, "query.limit"],
        [{ moduleId: manual.module.id, limit: "many" }, "query.limit"],
        [{ moduleId: manual.module.id, cursor: "not-a-cursor" }, "query.cursor"],
        [{ moduleId: manual.module.id, status: "Won!" }, "query.status.0"],
      ] as const) {
        const answer = await list({ key: keys.admin, query });
        expect(answer.status, field).toBe(400);
        expect(answer.json.errors[0].field, field).toBe(field);
      }
      for (const moduleId of [otherModule.module.id, "not-a-uuid"]) {
        expect((await list({ key: keys.admin, query: { moduleId } })).status).toBe(404);
      }
    });
  });

  describe("a restricted user's key", () => {
    it("sees only its own and unassigned datasheets, in lists, search and by id", async () => {
      const { ws, manual, auto, keys } = await setup();
      const moduleId = manual.module.id;
      const theirs = await createTestClient(ws.actors.admin, moduleId, { name: "Secret Colleague Kft.", responsibleUserId: ws.users.normal.id });
      const own = await createTestClient(ws.actors.admin, moduleId, { name: "Own Kft.", responsibleUserId: ws.users.restricted.id });
      const nobodys = await createTestClient(ws.actors.admin, moduleId, { name: "Nobody Kft." });
      const autoTheirs = await createTestClient(ws.actors.admin, auto.moduleId, { name: "Secret Auto Kft.", responsibleUserId: ws.users.normal.id });

      const ids = async (query: Record<string, string>) =>
        (await list({ key: keys.restricted, query: { moduleId, ...query } })).json.data.map((d: { id: string }) => d.id);
      expect(new Set(await ids({}))).toEqual(new Set([own.datasheetId, nobodys.datasheetId]));
      expect(await ids({ q: "secret" })).toEqual([]);
      expect(await ids({ responsibleUserId: ws.users.normal.id })).toEqual([]);
      expect(await ids({ status: "new_lead", group: "open", q: "colleague" })).toEqual([]);
      expect(await ids({ responsibleUserId: "me" })).toEqual([own.datasheetId]);
      expect((await list({ key: keys.restricted, query: { moduleId: auto.moduleId } })).json.data).toEqual([]);
      expect((await list({ key: keys.manager, query: { moduleId, q: "secret" } })).json.data.map((d: { id: string }) => d.id)).toEqual([theirs.datasheetId]);

      const before = await datasheetSnapshot(ws.workspace.id);
      for (const id of [theirs.datasheetId, autoTheirs.datasheetId]) {
        const params = { id };
        const answers = [
          await read({ key: keys.restricted, params }),
          await patch({ key: keys.restricted, params, body: { business: { name: "Taken Kft." } } }),
          await patch({ key: keys.restricted, params, body: { responsibleUserId: ws.users.restricted.id } }),
          await remove({ key: keys.restricted, params }),
          await statusChanges({ key: keys.restricted, params }),
        ];
        for (const answer of answers) {
          expect(answer.status).toBe(404);
          expect(answer.json).toMatchObject({ status: 404, title: "Not Found" });
        }
      }
      expect(await datasheetSnapshot(ws.workspace.id)).toEqual(before);
      expect((await read({ key: keys.restricted, params: { id: nobodys.datasheetId } })).status).toBe(200);
    });

    it("may take an unassigned datasheet for itself but give none away", async () => {
      const { ws, manual, keys } = await setup();
      const { datasheetId } = await createTestClient(ws.actors.admin, manual.module.id);
      const given = await patch({ key: keys.restricted, params: { id: datasheetId }, body: { responsibleUserId: ws.users.normal.id } });
      expect(given.status).toBe(400);
      expect(given.json.errors).toEqual([{ field: "responsibleUserId", code: "responsibleRestricted", message: expect.any(String) }]);
      const taken = await patch({ key: keys.restricted, params: { id: datasheetId }, body: { responsibleUserId: ws.users.restricted.id } });
      expect(taken.status).toBe(200);
      expect(taken.json.responsibleUserId).toBe(ws.users.restricted.id);
    });
  });

  describe("GET, PATCH and DELETE /datasheets/{id}", () => {
    it("answers 404 for another workspace's datasheet, a made-up id and a non-uuid alike, changing nothing", async () => {
      const { keys } = await setup();
      const other = await createWorkspace();
      const otherModule = await createTestModule(other.actors.admin, "sales_manual");
      const theirs = await createTestClient(other.actors.admin, otherModule.module.id, { name: "Their Kft." });
      const before = await datasheetSnapshot(other.workspace.id);
      for (const id of [theirs.datasheetId, "0b3a6f1e-8d5c-4c6f-9a1b-2c3d4e5f6a7b", "not-a-uuid", "1 or 1=1"]) {
        for (const answer of [
          await read({ key: keys.admin, params: { id } }),
          await patch({ key: keys.admin, params: { id }, body: { business: { name: "Mine now" } } }),
          await remove({ key: keys.admin, params: { id } }),
          await statusChanges({ key: keys.admin, params: { id } }),
        ]) {
          expect(answer.status, id).toBe(404);
        }
      }
      expect(await datasheetSnapshot(other.workspace.id)).toEqual(before);
    });

    it("changes the parts given in one go and answers the datasheet", async () => {
      const { ws, manual, keys } = await setup();
      const created = await create({
        key: keys.admin,
        body: {
          moduleId: manual.module.id,
          business: { name: "Old Name Kft.", email: "old@example.hu", phone: "+36 1 234 5678" },
          contacts: [
            { name: "Stays", email: "stays@example.hu" },
            { name: "Goes", email: "goes@example.hu" },
          ],
          fields: { probability: 20 },
        },
      });
      const id = created.json.id;
      const stays = created.json.contacts.find((c: { name: string }) => c.name === "Stays");
      const answer = await patch({
        key: keys.manager,
        params: { id },
        body: {
          version: created.json.version,
          business: { name: "New Name Kft.", phone: null },
          contacts: [
            { name: "Stays Renamed", email: "STAYS@example.hu", position: "CEO" },
            { name: "Newcomer", phone: "+36 30 123 4567" },
          ],
          responsibleUserId: ws.users.normal.id,
          fields: { probability: 60, source: "referral" },
          statusId: statusByKey(manual, "negotiation").id,
        },
      });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({
        business: { name: "New Name Kft.", email: "old@example.hu", phone: null, kind: "company" },
        contacts: [
          { id: stays.id, name: "Stays Renamed", email: "STAYS@example.hu", position: "CEO" },
          { name: "Newcomer", phone: "+36 30 123 4567" },
        ],
        responsibleUserId: ws.users.normal.id,
        fields: { probability: 60, source: "referral" },
        status: { key: "negotiation", group: "open" },
        statusReason: "manual",
      });
      expect(answer.json.version).toBeGreaterThan(created.json.version);
      expect((await read({ key: keys.admin, params: { id } })).json).toEqual(answer.json);
      const changes = await statusChanges({ key: keys.admin, params: { id } });
      expect(changes.json.data).toEqual([
        { from: null, to: "new_lead", reason: "created", actor: { type: "user", id: ws.users.admin.id }, at: expect.any(String) },
        { from: "new_lead", to: "negotiation", reason: "manual", actor: { type: "user", id: ws.users.manager.id }, at: expect.any(String) },
      ]);

      // Nothing given, nothing changed.
      const same = await patch({ key: keys.admin, params: { id }, body: {} });
      expect(same.json).toEqual(answer.json);
    });

    it("moves the automatic module's status with its facts, and refuses statusId there", async () => {
      const { ws, auto, keys } = await setup();
      const created = await create({ key: keys.admin, body: { moduleId: auto.moduleId, business: { name: "Rule Kft." } } });
      const id = created.json.id;
      const before = await datasheetSnapshot(ws.workspace.id);
      const refused = await patch({ key: keys.admin, params: { id }, body: { statusId: auto.statuses.regular, business: { name: "Changed" } } });
      expect(refused.status).toBe(400);
      expect(refused.json.detail).toMatch(/^statusId: /);
      expect(refused.json.errors).toEqual([{ field: "statusId", code: "statusAutomatic", message: expect.any(String) }]);
      expect(await datasheetSnapshot(ws.workspace.id)).toEqual(before);

      const lost = await patch({ key: keys.admin, params: { id }, body: { salesStatus: "closed_lost", qualification: "target_group" } });
      expect(lost.status).toBe(200);
      expect(lost.json).toMatchObject({
        salesStatus: "closed_lost",
        qualification: "target_group",
        status: { key: "failed", group: "non_customers" },
        statusReason: "closed_lost",
      });
      const changes = (await statusChanges({ key: keys.admin, params: { id } })).json.data;
      expect(changes.map((c: { from: string | null; to: string; reason: string }) => [c.from, c.to, c.reason])).toEqual([
        [null, "awaiting_processing", "new_inquiry"],
        ["awaiting_processing", "failed", "closed_lost"],
      ]);
    });

    it("refuses a stale version (409) and mass assignment (400), changing nothing", async () => {
      const { ws, manual, keys } = await setup();
      const created = await create({ key: keys.admin, body: { moduleId: manual.module.id, business: { name: "Versioned Kft." } } });
      const id = created.json.id;
      const moved = await patch({ key: keys.manager, params: { id }, body: { version: created.json.version, fields: { probability: 10 } } });
      expect(moved.status).toBe(200);

      const before = await datasheetSnapshot(ws.workspace.id);
      const stale = await patch({ key: keys.admin, params: { id }, body: { version: created.json.version, business: { name: "Overwritten" } } });
      expect(stale.status).toBe(409);
      expect(stale.json).toMatchObject({ status: 409, title: "Conflict" });
      expect(stale.json.detail).toContain("changed this meanwhile");
      const other = await createWorkspace();
      for (const [body, field] of [
        [{ workspaceId: other.workspace.id }, "workspaceId"],
        [{ moduleId: manual.module.id }, "moduleId"],
        [{ business: { name: "X", id: id } }, "business.id"],
        [{ fields: { probability: 1 }, createdAt: "2020-01-01T00:00:00Z" }, "createdAt"],
      ] as const) {
        const answer = await patch({ key: keys.admin, params: { id }, body });
        expect(answer.status, field).toBe(400);
        expect(answer.json.errors, field).toEqual([{ field, code: "unknownField", message: expect.any(String) }]);
      }
      for (const body of [
        { version: 0 },
        { version: "2" },
        { business: { name: "" } },
        { responsibleUserId: other.users.admin.id },
        { statusId: "nonsense" },
      ]) {
        expect((await patch({ key: keys.admin, params: { id }, body })).status, JSON.stringify(body)).toBe(400);
      }
      expect(await datasheetSnapshot(ws.workspace.id)).toEqual(before);
    });

    it("moves a datasheet to the trash: 204, then not found anywhere", async () => {
      const { manual, keys } = await setup();
      const created = await create({ key: keys.admin, body: { moduleId: manual.module.id, business: { name: "Trashed Kft." } } });
      const id = created.json.id;
      await patch({ key: keys.admin, params: { id }, body: { fields: { probability: 5 } } });
      const stale = await remove({ key: keys.admin, params: { id }, query: { version: String(created.json.version) } });
      expect(stale.status).toBe(409);

      const removed = await remove({ key: keys.manager, params: { id } });
      expect(removed.status).toBe(204);
      expect((await datasheetRow(id)).deletedAt).not.toBeNull();
      for (const answer of [
        await read({ key: keys.admin, params: { id } }),
        await patch({ key: keys.admin, params: { id }, body: { business: { name: "Back" } } }),
        await remove({ key: keys.admin, params: { id } }),
        await statusChanges({ key: keys.admin, params: { id } }),
      ]) {
        expect(answer.status).toBe(404);
      }
      expect((await list({ key: keys.admin, query: { moduleId: manual.module.id } })).json.data).toEqual([]);
      expect((await list({ key: keys.admin, query: { moduleId: manual.module.id, q: "trashed" } })).json.data).toEqual([]);
    });
  });
});
