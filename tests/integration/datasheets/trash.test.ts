import { desc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, businesses, datasheets, statusChanges, users, workspaces } from "@/db/schema";
import type { Endpoint } from "@/lib/api/http";
import { deleteDatasheetEndpoint, getDatasheetEndpoint, listDatasheetsEndpoint } from "@/lib/api/v1/datasheets";
import { systemActor, type Actor, type UserActor } from "@/lib/auth/permissions";
import { addContact } from "@/lib/businesses/mutations";
import { addDatasheetToModule, createClient } from "@/lib/datasheets/create";
import { getStaircase } from "@/lib/datasheets/list-counts";
import { getListPage } from "@/lib/datasheets/list-page";
import { getDatasheetPage } from "@/lib/datasheets/page";
import { deleteDatasheetForever, listTrash, purgeExpiredTrash, restoreDatasheet, trashDatasheet } from "@/lib/datasheets/trash";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { logHistory } from "@/lib/history/mutations";
import { addInvoice } from "@/lib/invoices/mutations";
import { addTodo, completeTodo } from "@/lib/todos/mutations";
import { createWorkspace, type TestWorkspace } from "../../factories";
import { createTestClient, datasheetRow, datasheetSnapshot, outboxOf } from "../../factories/datasheets";
import { createAutomaticModule, createTestModule } from "../../factories/modules";
import { apiKeyFor, callApi } from "../api/helpers";
import { describeEachBackend, testDb } from "../../support/db";
import { describeOnPrivateDatabase } from "../jobs/private-database";
import { rejectionOf } from "../modules/helpers";

const DAY = 86_400_000;
const missing = "00000000-0000-4000-8000-000000000000";
const endpoint = (e: unknown) => e as Endpoint<never, never, never>;

/** A client of a manual module with something of everything a datasheet holds. */
async function fullClient(ws: TestWorkspace, moduleId: string, responsibleUserId: string | null, name = "Kuka Kft.") {
  const admin = ws.actors.admin;
  const { datasheetId, businessId } = await createTestClient(admin, moduleId, { name, responsibleUserId, contacts: [{ name: "Első Kapcsolat" }] });
  await addContact(testDb(), admin, datasheetId, { name: "Második Kapcsolat", position: null, email: null, phone: null });
  const { id: todoId } = await addTodo(testDb(), admin, { datasheetId, text: "Call back", dueAt: new Date(Date.now() + DAY), assigneeUserId: null });
  await addTodo(testDb(), admin, { datasheetId, text: "Send the offer", dueAt: new Date(Date.now() + 2 * DAY), assigneeUserId: null });
  await completeTodo(testDb(), admin, { todoId, version: 1 });
  await logHistory(testDb(), admin, { datasheetId, kind: "note", body: "Asked for a discount", occurredAt: null });
  await addInvoice(testDb(), admin, { datasheetId, number: `T-${datasheetId}`, amount: "1000.00", currency: "HUF", issuedOn: "2026-01-01", dueOn: null });
  return { datasheetId, businessId };
}

async function trash(actor: Actor, datasheetId: string, now = new Date()) {
  await trashDatasheet(testDb(), actor, { datasheetId, version: (await datasheetRow(datasheetId)).version }, now);
}

async function rowOrNull(datasheetId: string) {
  const [row] = await testDb().select().from(datasheets).where(eq(datasheets.id, datasheetId));
  return row ?? null;
}

describeEachBackend("the trash", () => {
  it("lists who trashed what and when: admins and managers all of it, a normal user their own, a restricted user their own within reach", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const { module } = await createTestModule(ws.actors.admin);
    const byManager = await createTestClient(ws.actors.admin, module.id, { name: "Manager Trashed Kft." });
    const byNormal = await createTestClient(ws.actors.admin, module.id, { name: "Normal Trashed Kft." });
    const byRestricted = await createTestClient(ws.actors.admin, module.id, { name: "Restricted Trashed Kft.", responsibleUserId: ws.users.restricted.id });
    await createTestClient(ws.actors.admin, module.id, { name: "Still Here Kft." });
    await trash(ws.actors.manager, byManager.datasheetId, new Date(Date.now() - 2000));
    await trash(ws.actors.normal, byNormal.datasheetId, new Date(Date.now() - 1000));
    await trash(ws.actors.restricted, byRestricted.datasheetId);

    const names = async (actor: UserActor) => (await listTrash(testDb(), actor)).map((e) => e.businessName);
    const all = ["Restricted Trashed Kft.", "Normal Trashed Kft.", "Manager Trashed Kft."];
    expect(await names(ws.actors.admin)).toEqual(all);
    expect(await names(ws.actors.manager)).toEqual(all);
    expect(await names(ws.actors.normal)).toEqual(["Normal Trashed Kft."]);
    expect(await names(ws.actors.restricted)).toEqual(["Restricted Trashed Kft."]);
    for (const role of ["admin", "manager", "normal", "restricted"] as const) expect(await names(other.actors[role])).toEqual([]);

    const [entry] = (await listTrash(testDb(), ws.actors.admin)).filter((e) => e.id === byNormal.datasheetId);
    expect(entry).toMatchObject({
      moduleName: module.name,
      deletedBy: { id: ws.users.normal.id, familyName: ws.users.normal.familyName, givenName: ws.users.normal.givenName },
    });
    expect(entry!.purgeAt.getTime() - entry!.deletedAt.getTime()).toBe(30 * DAY);
  });

  it("restores a datasheet with its todos, history, contacts, fields and invoices, and records its event", async () => {
    const ws = await createWorkspace();
    const { module } = await createTestModule(ws.actors.admin);
    const { datasheetId } = await fullClient(ws, module.id, null);
    const before = await getDatasheetPage(ws.actors.admin, datasheetId);
    await trash(ws.actors.manager, datasheetId);
    expect(await rejectionOf(getDatasheetPage(ws.actors.admin, datasheetId))).toBeInstanceOf(NotFoundError);

    const restored = await restoreDatasheet(testDb(), ws.actors.manager, { datasheetId });
    const after = await getDatasheetPage(ws.actors.admin, datasheetId);
    expect(restored.version).toBe(after.datasheet.version);
    expect(after.contacts.map((c) => c.name)).toEqual(["Első Kapcsolat", "Második Kapcsolat"]);
    expect(after.contacts).toEqual(before.contacts);
    expect(after.openTodos).toEqual(before.openTodos);
    expect(after.statusChanges).toEqual(before.statusChanges);
    expect(after.history).toEqual(before.history);
    expect(after.fields).toEqual(before.fields);
    expect(after.invoices).toEqual(before.invoices);
    expect([after.openTodos.length, after.history.length, after.invoices.length]).toEqual([1, 3, 1]);
    expect(await rowOrNull(datasheetId)).toMatchObject({ deletedAt: null, deletedByUserId: null, updatedByUserId: ws.users.manager.id });
    expect((await outboxOf(ws.workspace.id, "datasheet/restored")).map((e) => e.data)).toEqual([
      { workspaceId: ws.workspace.id, moduleId: module.id, datasheetId, actorUserId: ws.users.manager.id },
    ]);
    expect(await listTrash(testDb(), ws.actors.admin)).toEqual([]);
  });

  it("judges a restored datasheet of the automatic module again: a sale left in the trash past 30 days comes back Forgotten", async () => {
    const ws = await createWorkspace();
    const auto = await createAutomaticModule(ws.actors.admin);
    const now = new Date();
    const { datasheetId } = await createClient(testDb(), ws.actors.normal, {
      business: { kind: "company", name: "Elfelejtett Kft.", email: null, phone: null, taxNumber: null },
      contacts: [],
      moduleId: auto.moduleId,
      statusId: null,
      responsibleUserId: null,
      fields: {},
      createdAt: new Date(now.getTime() - 10 * DAY),
    });
    expect((await datasheetRow(datasheetId)).statusId).toBe(auto.statuses.awaiting_processing);
    await trash(ws.actors.normal, datasheetId, now);
    // The daily checks leave the trash alone; the restore, 25 days on, sees 35 days without contact.
    await restoreDatasheet(testDb(), ws.actors.normal, { datasheetId }, new Date(now.getTime() + 25 * DAY));
    expect((await datasheetRow(datasheetId)).statusId).toBe(auto.statuses.forgotten);
    const [change] = await testDb().select().from(statusChanges).where(eq(statusChanges.datasheetId, datasheetId)).orderBy(desc(statusChanges.at)).limit(1);
    expect(change).toMatchObject({ fromKey: "awaiting_processing", toKey: "forgotten", reason: "no_contact", actorUserId: ws.users.normal.id });
    expect(
      (await outboxOf(ws.workspace.id))
        .map((e) => e.name)
        .slice(-2)
        .sort(),
    ).toEqual(["datasheet/restored", "datasheet/status.changed"]);
  });

  it("answers 'not found' to whoever may not see the trashed datasheet, and changes nothing", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const { module } = await createTestModule(ws.actors.admin);
    const { datasheetId } = await createTestClient(ws.actors.admin, module.id, { responsibleUserId: ws.users.restricted.id });
    const live = await createTestClient(ws.actors.admin, module.id);
    await trash(ws.actors.manager, datasheetId);
    const before = await datasheetSnapshot(ws.workspace.id);
    const refusals: [string, UserActor, string][] = [
      ...(["admin", "manager", "normal", "restricted"] as const).map((role): [string, UserActor, string] => [`other ${role}`, other.actors[role], datasheetId]),
      // Trashed by the manager: not theirs to see.
      ["normal", ws.actors.normal, datasheetId],
      ["restricted", ws.actors.restricted, datasheetId],
      // Not in the trash, or no such datasheet.
      ["admin, live datasheet", ws.actors.admin, live.datasheetId],
      ["admin, missing", ws.actors.admin, missing],
    ];
    for (const [who, actor, id] of refusals) {
      expect(await rejectionOf(restoreDatasheet(testDb(), actor, { datasheetId: id })), `restore: ${who}`).toBeInstanceOf(NotFoundError);
      expect(await rejectionOf(deleteDatasheetForever(testDb(), actor, { datasheetId: id })), `delete: ${who}`).toBeInstanceOf(NotFoundError);
    }
    expect(await datasheetSnapshot(ws.workspace.id)).toEqual(before);
    // A deactivated user is signed out before any service runs (lib/auth/sessions.ts), and their
    // API key stops working: not even a "not found" to learn from.
    const key = await apiKeyFor(ws.actors.admin, ws.actors.normal);
    expect((await callApi(endpoint(getDatasheetEndpoint), { key, params: { id: datasheetId } })).status).toBe(404);
    await testDb().update(users).set({ isActive: false, deactivatedAt: new Date() }).where(eq(users.id, ws.users.normal.id));
    expect((await callApi(endpoint(getDatasheetEndpoint), { key, params: { id: datasheetId } })).status).toBe(401);
    expect((await callApi(endpoint(getDatasheetEndpoint), { key, params: { id: live.datasheetId } })).status).toBe(401);
  });

  it("lets only admins delete forever; the datasheet goes with its facts, the business when it has no other datasheet", async () => {
    const ws = await createWorkspace();
    const { module } = await createTestModule(ws.actors.admin);
    const second = await createTestModule(ws.actors.admin, "projects");
    const alone = await fullClient(ws, module.id, null, "Egyedül Kft.");
    const shared = await fullClient(ws, module.id, null, "Kétmodulos Kft.");
    await addDatasheetToModule(testDb(), ws.actors.admin, {
      datasheetId: shared.datasheetId,
      moduleId: second.module.id,
      statusId: null,
      responsibleUserId: null,
    });
    await trash(ws.actors.normal, alone.datasheetId);
    await trash(ws.actors.normal, shared.datasheetId);

    const before = await datasheetSnapshot(ws.workspace.id);
    // The normal user sees what they trashed, but may not empty the trash; nor may a manager.
    for (const role of ["manager", "normal"] as const) {
      expect(await rejectionOf(deleteDatasheetForever(testDb(), ws.actors[role], { datasheetId: alone.datasheetId })), role).toBeInstanceOf(ForbiddenError);
    }
    expect(await datasheetSnapshot(ws.workspace.id)).toEqual(before);

    await deleteDatasheetForever(testDb(), ws.actors.admin, { datasheetId: alone.datasheetId });
    await deleteDatasheetForever(testDb(), ws.actors.admin, { datasheetId: shared.datasheetId });
    expect(await rowOrNull(alone.datasheetId)).toBeNull();
    expect(await rowOrNull(shared.datasheetId)).toBeNull();
    const after = await datasheetSnapshot(ws.workspace.id);
    for (const family of ["todos", "history", "invoices", "statusChanges"] as const) {
      expect(
        after[family].filter((r) => "datasheetId" in r && [alone.datasheetId, shared.datasheetId].includes(r.datasheetId as string)),
        family,
      ).toEqual([]);
    }
    const businessIds = (await testDb().select({ id: businesses.id }).from(businesses).where(eq(businesses.workspaceId, ws.workspace.id))).map((r) => r.id);
    expect(businessIds).toContain(shared.businessId);
    expect(businessIds).not.toContain(alone.businessId);
    const audit = await testDb().select().from(auditLog).where(eq(auditLog.workspaceId, ws.workspace.id));
    expect(
      audit
        .filter((a) => a.action === "datasheet.deletedForever")
        .map((a) => a.subjectId)
        .sort(),
    ).toEqual([alone.datasheetId, shared.datasheetId].sort());
  });

  it("refuses to restore a datasheet whose business got another one in the module meanwhile", async () => {
    const ws = await createWorkspace();
    const { module } = await createTestModule(ws.actors.admin);
    const second = await createTestModule(ws.actors.admin, "projects");
    const { datasheetId } = await createTestClient(ws.actors.admin, module.id);
    const { datasheetId: inSecond } = await addDatasheetToModule(testDb(), ws.actors.admin, {
      datasheetId,
      moduleId: second.module.id,
      statusId: null,
      responsibleUserId: null,
    });
    await trash(ws.actors.admin, datasheetId);
    await addDatasheetToModule(testDb(), ws.actors.admin, { datasheetId: inSecond, moduleId: module.id, statusId: null, responsibleUserId: null });
    const error = await rejectionOf(restoreDatasheet(testDb(), ws.actors.admin, { datasheetId }));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("alreadyInModule");
    expect((await datasheetRow(datasheetId)).deletedAt).not.toBeNull();
  });

  it("keeps a trashed datasheet out of lists, counts, search and the API, and brings it back on restore", async () => {
    const ws = await createWorkspace();
    const { module } = await createTestModule(ws.actors.admin);
    const { datasheetId } = await createTestClient(ws.actors.admin, module.id, { name: "Rejtőzködő Kft." });
    const key = await apiKeyFor(ws.actors.admin);
    const seen = async () => {
      const list = await getListPage(ws.actors.admin, module.id, { filter: {} });
      const search = await getListPage(ws.actors.admin, module.id, { filter: { q: "rejtőzködő" } });
      const staircase = await getStaircase(ws.actors.admin, module.id, {});
      const apiList = await callApi(endpoint(listDatasheetsEndpoint), { key, query: { moduleId: module.id } });
      const apiOne = await callApi(endpoint(getDatasheetEndpoint), { key, params: { id: datasheetId } });
      return {
        list: list.rows.map((r) => r.id),
        search: search.rows.map((r) => r.id),
        count: staircase.flatMap((g) => g.statuses).reduce((n, s) => n + s.count, 0),
        api: (apiList.json.data as { id: string }[]).map((d) => d.id),
        apiOne: apiOne.status,
      };
    };
    expect(await seen()).toEqual({ list: [datasheetId], search: [datasheetId], count: 1, api: [datasheetId], apiOne: 200 });
    const deleted = await callApi(endpoint(deleteDatasheetEndpoint), { key, params: { id: datasheetId } });
    expect(deleted.status).toBe(204);
    expect(await seen()).toEqual({ list: [], search: [], count: 0, api: [], apiOne: 404 });
    await restoreDatasheet(testDb(), systemActor(ws.workspace.id, "seed"), { datasheetId });
    expect(await seen()).toEqual({ list: [datasheetId], search: [datasheetId], count: 1, api: [datasheetId], apiOne: 200 });
  });
});

// The purge takes every workspace's expired trash: on the PostgreSQL database the other files
// share, it would take theirs too.
describeOnPrivateDatabase("the trash's purge", () => {
  it("purges what was trashed longer ago than each workspace's retention", async () => {
    const ws = await createWorkspace();
    const weekly = await createWorkspace();
    await testDb().update(workspaces).set({ trashRetentionDays: 7 }).where(eq(workspaces.id, weekly.workspace.id));
    const { module } = await createTestModule(ws.actors.admin);
    const { module: weeklyModule } = await createTestModule(weekly.actors.admin);
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const old = await fullClient(ws, module.id, null, "Régi Kft.");
    const recent = await createTestClient(ws.actors.admin, module.id);
    const live = await createTestClient(ws.actors.admin, module.id);
    const weeklyOld = await createTestClient(weekly.actors.admin, weeklyModule.id);
    await trash(ws.actors.admin, old.datasheetId, ago(31));
    await trash(ws.actors.admin, recent.datasheetId, ago(29));
    await trash(weekly.actors.admin, weeklyOld.datasheetId, ago(8));

    const { purged } = await purgeExpiredTrash(testDb(), now);
    expect(purged).toBe(2);
    expect(await rowOrNull(old.datasheetId)).toBeNull();
    expect(await rowOrNull(weeklyOld.datasheetId)).toBeNull();
    expect(await rowOrNull(recent.datasheetId)).not.toBeNull();
    expect(await rowOrNull(live.datasheetId)).not.toBeNull();
    expect((await testDb().select().from(businesses).where(eq(businesses.id, old.businessId))).length).toBe(0);
  });
});
