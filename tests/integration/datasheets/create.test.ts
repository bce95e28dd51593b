import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { getDb } from "@/db/client";
import { businesses, contacts, datasheets, statusChanges } from "@/db/schema";
import { addDatasheetToModule } from "@/lib/datasheets/create";
import { NotFoundError } from "@/lib/errors";
import { archiveModule } from "@/lib/modules/module-mutations";
import { createUser, createWorkspace } from "../../factories";
import { businessRow, createTestClient, datasheetRow, outboxOf } from "../../factories/datasheets";
import { createAutomaticModule, createTestModule, statusByKey } from "../../factories/modules";
import { testDb, describeEachBackend } from "../../support/db";
import { expectDomainError, expectFieldError, rejectionOf } from "../modules/helpers";

describeEachBackend("New client", () => {
  for (const role of ["admin", "manager", "normal", "restricted"] as const) {
    it(`creates a business, its contacts and its first datasheet for a ${role} user, with its event`, async () => {
      const ws = await createWorkspace();
      const config = await createTestModule(ws.actors.admin, "customer_service");
      const actor = ws.actors[role];
      const { datasheetId, businessId } = await createTestClient(actor, config.module.id, {
        name: "Fa-Lap Bútorgyártó Kft.",
        email: "Info@FaLap.hu",
        phone: "+36 1 234 5678",
        taxNumber: "12345678-2-41",
        responsibleUserId: actor.userId,
        contacts: [
          { name: "Horváth Katalin", email: "katalin@falap.hu", position: "Beszerző" },
          { name: "Kiss Ádám", phone: "+36 30 111 2222" },
        ],
      });

      const sheet = await datasheetRow(datasheetId);
      expect(sheet).toMatchObject({
        workspaceId: ws.workspace.id,
        moduleId: config.module.id,
        businessId,
        businessName: "Fa-Lap Bútorgyártó Kft.",
        statusId: statusByKey(config, "new_request").id, // the module's first status
        responsibleUserId: actor.userId,
        version: 1,
        lastContactAt: null,
        nextTodoId: null,
      });
      const business = await businessRow(businessId);
      expect(business.searchText).toContain("fa-lap bútorgyártó kft.");
      expect(business.searchText).toContain("info@falap.hu");
      expect(business.searchText).toContain("horváth katalin");
      expect(business.searchText).toContain("katalin@falap.hu");
      expect(business.searchText).toContain("36301112222");
      expect(business.searchText).toContain("12345678-2-41");
      const db = await getDb();
      const people = await db.select().from(contacts).where(eq(contacts.businessId, businessId));
      expect(people.map((p) => p.name).sort()).toEqual(["Horváth Katalin", "Kiss Ádám"]);
      const [change] = await db.select().from(statusChanges).where(eq(statusChanges.datasheetId, datasheetId));
      expect(change).toMatchObject({ fromStatusId: null, toKey: "new_request", reason: "created", actorUserId: actor.userId });
      const events = await outboxOf(ws.workspace.id, "datasheet/created");
      expect(events).toEqual([
        {
          name: "datasheet/created",
          data: {
            workspaceId: ws.workspace.id,
            moduleId: config.module.id,
            datasheetId,
            actorUserId: actor.userId,
            businessId,
            statusId: sheet.statusId,
          },
        },
      ]);
    });
  }

  it("puts the datasheet in the chosen status of a manual module, and refuses another module's status", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "customer_service");
    const other = await createTestModule(ws.actors.admin, "sales_manual");
    const waiting = statusByKey(config, "waiting_for_client");
    const { datasheetId } = await createTestClient(ws.actors.normal, config.module.id, { statusId: waiting.id });
    expect((await datasheetRow(datasheetId)).statusId).toBe(waiting.id);
    const foreignStatus = other.groups[0]!.statuses[0]!.id;
    await expectFieldError(createTestClient(ws.actors.normal, config.module.id, { statusId: foreignStatus }), "statusId", "statusInvalid");
  });

  it("starts the automatic sales module in Awaiting processing, and refuses a chosen status there", async () => {
    const ws = await createWorkspace();
    const auto = await createAutomaticModule(ws.actors.admin);
    const { datasheetId } = await createTestClient(ws.actors.manager, auto.moduleId);
    const sheet = await datasheetRow(datasheetId);
    expect(sheet.statusId).toBe(auto.statuses.awaiting_processing);
    const db = await getDb();
    const [change] = await db.select().from(statusChanges).where(eq(statusChanges.datasheetId, datasheetId));
    // The rule put it there (SPEC §3.1: a new inquiry).
    expect(change).toMatchObject({ fromStatusId: null, toKey: "awaiting_processing", reason: "new_inquiry" });
    await expectFieldError(
      createTestClient(ws.actors.manager, auto.moduleId, { statusId: auto.statuses.in_progress }),
      "statusId",
      "statusAutomatic",
    );
  });

  it("lets a restricted user make only themselves or nobody responsible", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "customer_service");
    const before = (await outboxOf(ws.workspace.id)).length;
    await expectFieldError(
      createTestClient(ws.actors.restricted, config.module.id, { responsibleUserId: ws.users.normal.id }),
      "responsibleUserId",
      "responsibleRestricted",
    );
    expect(await outboxOf(ws.workspace.id)).toHaveLength(before);
    const { datasheetId } = await createTestClient(ws.actors.restricted, config.module.id, { responsibleUserId: null });
    expect((await datasheetRow(datasheetId)).responsibleUserId).toBeNull();
    // A normal user may hand it to a colleague.
    const handed = await createTestClient(ws.actors.normal, config.module.id, { responsibleUserId: ws.users.manager.id });
    expect((await datasheetRow(handed.datasheetId)).responsibleUserId).toBe(ws.users.manager.id);
  });

  it("refuses a deactivated user or another workspace's user as responsible, and writes nothing", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "customer_service");
    const gone = await createUser(ws.workspace.id, { role: "normal", isActive: false });
    for (const responsibleUserId of [gone.id, other.users.normal.id, "not-a-user"]) {
      await expectFieldError(
        createTestClient(ws.actors.admin, config.module.id, { name: "Nem Jöhet Létre Kft.", responsibleUserId }),
        "responsibleUserId",
        "userInvalid",
      );
    }
    const db = await getDb();
    const left = await db.select().from(businesses).where(and(eq(businesses.workspaceId, ws.workspace.id), eq(businesses.name, "Nem Jöhet Létre Kft.")));
    expect(left).toEqual([]); // the business insert was rolled back with the rest
    expect(await outboxOf(ws.workspace.id, "datasheet/created")).toEqual([]);
  });

  it("refuses another workspace's module or an archived one as a field error", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const foreign = await createTestModule(other.actors.admin, "customer_service");
    await expectFieldError(createTestClient(ws.actors.admin, foreign.module.id), "moduleId", "moduleInvalid");
    await expectFieldError(createTestClient(ws.actors.admin, "nonsense"), "moduleId", "moduleInvalid");
    const archived = await createTestModule(ws.actors.admin, "projects");
    await archiveModule(ws.actors.admin, archived.module.id);
    await expectFieldError(createTestClient(ws.actors.admin, archived.module.id), "moduleId", "moduleInvalid");
    const db = await getDb();
    expect(await db.select().from(datasheets).where(eq(datasheets.moduleId, foreign.module.id))).toEqual([]);
  });

  it("adds the same business to another module once, for those who may see it", async () => {
    const ws = await createWorkspace();
    const service = await createTestModule(ws.actors.admin, "customer_service");
    const sales = await createTestModule(ws.actors.admin, "sales_manual");
    const { datasheetId, businessId } = await createTestClient(ws.actors.normal, service.module.id, { responsibleUserId: ws.users.normal.id });
    const added = await addDatasheetToModule(testDb(), ws.actors.normal, {
      datasheetId,
      moduleId: sales.module.id,
      statusId: null,
      responsibleUserId: null,
    });
    const sheet = await datasheetRow(added.datasheetId);
    expect(sheet).toMatchObject({ businessId, moduleId: sales.module.id, businessName: (await businessRow(businessId)).name });
    await expectDomainError(
      addDatasheetToModule(testDb(), ws.actors.normal, { datasheetId, moduleId: sales.module.id, statusId: null, responsibleUserId: null }),
      "alreadyInModule",
    );
    // A restricted user cannot reach a colleague's client to copy it.
    const third = await createTestModule(ws.actors.admin, "projects");
    const error = await rejectionOf(
      addDatasheetToModule(testDb(), ws.actors.restricted, { datasheetId, moduleId: third.module.id, statusId: null, responsibleUserId: null }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
