import { eq } from "drizzle-orm";
import type { Session } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Connection } from "@/db/drivers/types";
import { users, type User } from "@/db/schema";
import { findSessionUser } from "@/lib/auth/sessions";
import { getNewClientOptions } from "@/lib/datasheets/new-client-options";
import { getListFields } from "@/lib/datasheets/list-columns";
import { loadListScope, requestListScope } from "@/lib/datasheets/list-query";
import { archiveField, createField, moveField, removeField, restoreField, updateField } from "@/lib/modules/field-mutations";
import { createGroup, moveGroup, removeGroup, renameGroup } from "@/lib/modules/group-mutations";
import { archiveModule, createModuleFromKind, moveModule, renameModule, restoreModule } from "@/lib/modules/module-mutations";
import { addOption, moveOption, removeOption, renameOption } from "@/lib/modules/option-mutations";
import { getModuleConfig, type ModuleConfig } from "@/lib/modules/queries";
import { createStatus, moveStatus, recolorStatus, removeStatus, renameStatus } from "@/lib/modules/status-mutations";
import { changeOwnPassword, createUser, setAvatar, setOwnLocale, setUserActive, updateOwnProfile, updateUser } from "@/lib/users/mutations";
import { readConfigVersion, WorkspaceConfigCache, type WorkspaceConfig } from "@/lib/workspaces/config";
import { updateWorkspaceSettings } from "@/lib/workspaces/settings";
import { createWorkspace, PASSWORD, uniqueEmail, type TestWorkspace } from "../../factories";
import { createTestClient } from "../../factories/datasheets";
import { createTestModule, fieldByKey, statusByKey } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";

/** The session a signed-in user's cookie decodes to, as every request checks it (findSessionUser). */
function sessionOf(user: User): Session {
  return {
    user: { id: user.id },
    sessionId: null,
    sessionVersion: user.sessionVersion,
    signedInAt: null,
    expires: new Date(Date.now() + 3_600_000).toISOString(),
  };
}

/** An app process: its own configuration cache, and on PostgreSQL its own connection. */
interface AppProcess {
  cache: WorkspaceConfigCache;
  db: Db;
}

/** What the next request of `user` to `app` reads: the session (with the version), then the configuration. */
async function nextRequest(app: AppProcess, user: User): Promise<WorkspaceConfig> {
  const current = await findSessionUser(app.db, sessionOf(user));
  if (!current) throw new Error("not signed in");
  return app.cache.get(app.db, current.workspaceId, current.configVersion);
}

const statusNames = (config: WorkspaceConfig, moduleId: string) => config.modules.find((m) => m.id === moduleId)!.statuses.map((s) => s.name);
const fieldLabels = (config: WorkspaceConfig, moduleId: string) => config.modules.find((m) => m.id === moduleId)!.fields.map((f) => f.label);
const teamNames = (config: WorkspaceConfig) => config.team.filter((u) => u.isActive).map((u) => `${u.givenName} ${u.familyName}`);

describeEachBackend("workspace configuration cache", ({ db, openAnotherConnection }) => {
  let other: Connection;
  let one: AppProcess;
  let two: AppProcess;
  beforeAll(async () => {
    other = await openAnotherConnection();
  });
  afterAll(async () => {
    await other.close();
  });

  describe("across processes", () => {
    let a: TestWorkspace;
    let b: TestWorkspace;
    let moduleA: ModuleConfig;
    let moduleB: ModuleConfig;
    beforeAll(async () => {
      one = { cache: new WorkspaceConfigCache(), db: db() };
      two = { cache: new WorkspaceConfigCache(), db: other.db };
      [a, b] = await Promise.all([createWorkspace(), createWorkspace()]);
      [moduleA, moduleB] = await Promise.all([createTestModule(a.actors.admin, "customer_service"), createTestModule(b.actors.admin, "customer_service")]);
    });

    /** Every user of A in both processes sees `expected`; B's users keep the very configuration they had. */
    async function expectEveryoneSees(check: (config: WorkspaceConfig) => void) {
      const beforeB = await Promise.all([nextRequest(one, b.users.admin), nextRequest(two, b.users.restricted)]);
      for (const app of [one, two]) {
        for (const user of Object.values(a.users)) check(await nextRequest(app, user));
      }
      const afterB = await Promise.all([nextRequest(one, b.users.admin), nextRequest(two, b.users.restricted)]);
      expect(afterB[0]).toBe(beforeB[0]);
      expect(afterB[1]).toBe(beforeB[1]);
      return afterB;
    }

    it("serves a request from memory while nothing changed", async () => {
      const first = await nextRequest(one, a.users.normal);
      expect(await nextRequest(one, a.users.restricted)).toBe(first);
      expect(await nextRequest(two, a.users.manager)).toEqual(first);
      expect(statusNames(first, moduleA.module.id)).toEqual(["New request", "In progress", "Waiting for client", "Solved", "Closed"]);
      expect(first.modules.map((m) => m.id)).not.toContain(moduleB.module.id);
    });

    it("shows a new, renamed or removed status on the next request of every user, in every process, and not in another workspace", async () => {
      await Promise.all([nextRequest(one, a.users.admin), nextRequest(two, a.users.admin)]);
      const created = await createStatus(a.actors.admin, moduleA.groups[0]!.id, { name: "Escalated", color: "#f0a" });
      await expectEveryoneSees((config) => expect(statusNames(config, moduleA.module.id)).toContain("Escalated"));
      await renameStatus(a.actors.admin, created.id, "Escalated to engineering");
      await expectEveryoneSees((config) => expect(statusNames(config, moduleA.module.id)).toContain("Escalated to engineering"));
      await removeStatus(a.actors.admin, created.id);
      const [bAdmin] = await expectEveryoneSees((config) => expect(statusNames(config, moduleA.module.id)).not.toContain("Escalated to engineering"));
      expect(statusNames(bAdmin!, moduleB.module.id)).toEqual(["New request", "In progress", "Waiting for client", "Solved", "Closed"]);
    });

    it("shows a new field and its options, and an archived one gone, on the next request of every user", async () => {
      const field = await createField(a.actors.admin, moduleA.module.id, { label: "Contract tier", type: "single_select", options: ["Gold", "Silver"] });
      await expectEveryoneSees((config) => {
        const tier = config.modules.find((m) => m.id === moduleA.module.id)!.fields.find((f) => f.id === field.id);
        expect(tier?.options.map((o) => o.label)).toEqual(["Gold", "Silver"]);
      });
      await addOption(a.actors.admin, field.id, { label: "Bronze" });
      await expectEveryoneSees((config) => {
        const tier = config.modules.find((m) => m.id === moduleA.module.id)!.fields.find((f) => f.id === field.id);
        expect(tier?.options.map((o) => o.label)).toEqual(["Gold", "Silver", "Bronze"]);
      });
      await archiveField(a.actors.admin, field.id);
      const [bAdmin] = await expectEveryoneSees((config) => expect(fieldLabels(config, moduleA.module.id)).not.toContain("Contract tier"));
      expect(fieldLabels(bAdmin!, moduleB.module.id)).not.toContain("Contract tier");
    });

    it("shows a new colleague, a renamed one and a deactivated one on the next request of every user", async () => {
      const { id } = await createUser(a.actors.admin, { familyName: "Kovács", givenName: "Anna", email: uniqueEmail("anna"), role: "normal" });
      await expectEveryoneSees((config) => expect(teamNames(config)).toContain("Anna Kovács"));
      const [anna] = await testDb().select().from(users).where(eq(users.id, id));
      await updateUser(a.actors.admin, id, { familyName: "Kovács", givenName: "Annamária", email: anna!.email, signature: "", role: "normal" });
      await expectEveryoneSees((config) => expect(teamNames(config)).toContain("Annamária Kovács"));
      await setUserActive(a.actors.admin, id, false);
      const [bAdmin] = await expectEveryoneSees((config) => expect(teamNames(config)).not.toContain("Annamária Kovács"));
      expect(teamNames(bAdmin!)).toHaveLength(Object.keys(b.users).length);
    });

    it("gives a page the same scope a transaction reads, and the same pickers, without another workspace's modules", async () => {
      const field = await createField(a.actors.admin, moduleA.module.id, { label: "Region", type: "multi_select", options: ["North", "South"] });
      // Someone who left is still named on the clients they had.
      const created = await createUser(a.actors.admin, { familyName: "Régi", givenName: "Kolléga", email: uniqueEmail("left"), role: "normal" });
      await setUserActive(a.actors.admin, created.id, false);
      await createStatus(a.actors.admin, moduleA.groups[1]!.id, { name: "Reopened", color: "#123456" });
      const current = (await findSessionUser(db(), sessionOf(a.users.normal)))!;
      const { team, ...scope } = await requestListScope(current, moduleA.module.id);
      expect(scope).toEqual(await loadListScope(db(), a.actors.normal, moduleA.module.id));
      const everyone = await testDb().select({ id: users.id }).from(users).where(eq(users.workspaceId, a.workspace.id));
      expect(team?.map((u) => u.id).sort()).toEqual(everyone.map((u) => u.id).sort());
      expect(team?.find((u) => u.id === created.id)).toMatchObject({ familyName: "Régi", isActive: false });
      expect((await getListFields(current, moduleA.module.id)).find((f) => f.key === field.key)?.options).toEqual([
        { key: "north", label: "North" },
        { key: "south", label: "South" },
      ]);
      await expect(requestListScope(current, moduleB.module.id)).rejects.toMatchObject({ name: "NotFoundError" });
      // Pickers: the active team for those who may assign anyone, oneself for a restricted user.
      const restricted = (await findSessionUser(db(), sessionOf(a.users.restricted)))!;
      expect((await getNewClientOptions(restricted)).team.map((u) => u.id)).toEqual([a.users.restricted.id]);
      expect((await getNewClientOptions(current)).team.map((u) => u.id).sort()).toEqual(
        (await nextRequest(one, a.users.normal)).team
          .filter((u) => u.isActive)
          .map((u) => u.id)
          .sort(),
      );
      expect((await getNewClientOptions(current)).modules.map((m) => m.id)).toEqual([moduleA.module.id]);
    });
  });

  describe("the version", () => {
    interface Setup {
      ws: TestWorkspace;
      module: ModuleConfig;
    }
    const withSelect = async ({ ws, module }: Setup) => {
      const field = await createField(ws.actors.admin, module.module.id, { label: "Tier", type: "single_select", options: ["Gold", "Silver"] });
      return fieldByKey(await getModuleConfig(ws.actors.admin, module.module.id), field.key);
    };
    const changes: Record<string, { prepare?: (setup: Setup) => Promise<unknown>; change: (setup: Setup, prepared: never) => Promise<unknown> }> = {
      createModuleFromKind: { change: ({ ws }) => createModuleFromKind(ws.actors.admin, { kind: "empty", name: "Partners" }) },
      renameModule: { change: ({ ws, module }) => renameModule(ws.actors.admin, module.module.id, "Renamed") },
      moveModule: {
        prepare: ({ ws }) => createModuleFromKind(ws.actors.admin, { kind: "empty", name: "Second" }),
        change: ({ ws, module }, second: { id: string }) => moveModule(ws.actors.admin, module.module.id, { afterId: second.id }),
      },
      archiveModule: { change: ({ ws, module }) => archiveModule(ws.actors.admin, module.module.id) },
      restoreModule: {
        prepare: ({ ws, module }) => archiveModule(ws.actors.admin, module.module.id),
        change: ({ ws, module }) => restoreModule(ws.actors.admin, module.module.id),
      },
      createGroup: { change: ({ ws, module }) => createGroup(ws.actors.admin, module.module.id, { name: "Later" }) },
      renameGroup: { change: ({ ws, module }) => renameGroup(ws.actors.admin, module.groups[0]!.id, "Opened") },
      moveGroup: { change: ({ ws, module }) => moveGroup(ws.actors.admin, module.groups[0]!.id, { afterId: module.groups[1]!.id }) },
      removeGroup: {
        prepare: ({ ws, module }) => createGroup(ws.actors.admin, module.module.id, { name: "Empty" }),
        change: ({ ws }, group: { id: string }) => removeGroup(ws.actors.admin, group.id),
      },
      createStatus: { change: ({ ws, module }) => createStatus(ws.actors.admin, module.groups[0]!.id, { name: "Escalated", color: "#f0a" }) },
      renameStatus: { change: ({ ws, module }) => renameStatus(ws.actors.admin, statusByKey(module, "solved").id, "Done") },
      recolorStatus: { change: ({ ws, module }) => recolorStatus(ws.actors.admin, statusByKey(module, "solved").id, "#000000") },
      moveStatus: {
        change: ({ ws, module }) =>
          moveStatus(ws.actors.admin, statusByKey(module, "solved").id, { groupId: module.groups[1]!.id, afterId: statusByKey(module, "closed").id }),
      },
      removeStatus: { change: ({ ws, module }) => removeStatus(ws.actors.admin, statusByKey(module, "solved").id) },
      createField: { change: ({ ws, module }) => createField(ws.actors.admin, module.module.id, { label: "Notes", type: "text" }) },
      updateField: {
        prepare: withSelect,
        change: ({ ws }, field: { id: string }) => updateField(ws.actors.admin, field.id, { label: "Level", helpText: "", isRequired: false }),
      },
      moveField: {
        prepare: withSelect,
        change: ({ ws, module }, field: { id: string }) => moveField(ws.actors.admin, field.id, { beforeId: module.fields[0]!.id }),
      },
      archiveField: { prepare: withSelect, change: ({ ws }, field: { id: string }) => archiveField(ws.actors.admin, field.id) },
      restoreField: {
        prepare: async (setup) => {
          const field = await withSelect(setup);
          await archiveField(setup.ws.actors.admin, field.id);
          return field;
        },
        change: ({ ws }, field: { id: string }) => restoreField(ws.actors.admin, field.id),
      },
      removeField: { prepare: withSelect, change: ({ ws }, field: { id: string }) => removeField(ws.actors.admin, field.id) },
      addOption: { prepare: withSelect, change: ({ ws }, field: { id: string }) => addOption(ws.actors.admin, field.id, { label: "Bronze" }) },
      renameOption: {
        prepare: withSelect,
        change: ({ ws }, field: ModuleConfig["fields"][number]) => renameOption(ws.actors.admin, field.options[0]!.id, "Platinum"),
      },
      moveOption: {
        prepare: withSelect,
        change: ({ ws }, field: ModuleConfig["fields"][number]) => moveOption(ws.actors.admin, field.options[0]!.id, { afterId: field.options[1]!.id }),
      },
      removeOption: { prepare: withSelect, change: ({ ws }, field: ModuleConfig["fields"][number]) => removeOption(ws.actors.admin, field.options[0]!.id) },
      createUser: { change: ({ ws }) => createUser(ws.actors.admin, { familyName: "Új", givenName: "Kolléga", email: uniqueEmail("new"), role: "normal" }) },
      updateUser: {
        change: ({ ws }) =>
          updateUser(ws.actors.admin, ws.users.normal.id, {
            familyName: "Renamed",
            givenName: ws.users.normal.givenName,
            email: ws.users.normal.email,
            signature: "",
            role: "normal",
          }),
      },
      updateOwnProfile: { change: ({ ws }) => updateOwnProfile(ws.actors.normal, { familyName: "Self", givenName: "Named", signature: "", locale: null }) },
      setUserActive: { change: ({ ws }) => setUserActive(ws.actors.admin, ws.users.normal.id, false) },
      setAvatar: {
        change: ({ ws }) =>
          setAvatar(
            ws.actors.normal,
            ws.users.normal.id,
            Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
          ),
      },
      "updateWorkspaceSettings (time zone)": {
        change: ({ ws }) =>
          updateWorkspaceSettings(testDb(), ws.actors.admin, {
            name: ws.workspace.name,
            locale: ws.workspace.locale,
            timeZone: "Pacific/Auckland",
            currency: ws.workspace.currency,
            emailSenderName: null,
            emailReplyTo: null,
            trashRetentionDays: ws.workspace.trashRetentionDays,
          }),
      },
    };

    const setUp = async (): Promise<Setup> => {
      const ws = await createWorkspace();
      return { ws, module: await createTestModule(ws.actors.admin, "customer_service") };
    };

    for (const [name, { prepare, change }] of Object.entries(changes)) {
      it(`rises with ${name}, in its workspace only`, async () => {
        const [setup, bystander] = await Promise.all([setUp(), setUp()]);
        const prepared = await prepare?.(setup);
        const before = await readConfigVersion(testDb(), setup.ws.workspace.id);
        const bystanderBefore = await readConfigVersion(testDb(), bystander.ws.workspace.id);
        await change(setup, prepared as never);
        expect(await readConfigVersion(testDb(), setup.ws.workspace.id)).toBeGreaterThan(before);
        expect(await readConfigVersion(testDb(), bystander.ws.workspace.id)).toBe(bystanderBefore);
      });
    }

    it("stays put for what the configuration does not hold: clients, passwords, languages, other settings", async () => {
      const { ws, module } = await setUp();
      const before = await readConfigVersion(testDb(), ws.workspace.id);
      await createTestClient(ws.actors.normal, module.module.id);
      await changeOwnPassword(ws.actors.normal, { currentPassword: PASSWORD, newPassword: "another-password-456", confirmPassword: "another-password-456" });
      await setOwnLocale(ws.actors.normal, "hu");
      await updateWorkspaceSettings(testDb(), ws.actors.admin, {
        name: "Renamed workspace",
        locale: "hu",
        timeZone: ws.workspace.timeZone,
        currency: "EUR",
        emailSenderName: null,
        emailReplyTo: null,
        trashRetentionDays: 14,
      });
      expect(await readConfigVersion(testDb(), ws.workspace.id)).toBe(before);
    });

    it("is read with the session, and a rolled-back change leaves it", async () => {
      const { ws, module } = await setUp();
      const version = await readConfigVersion(testDb(), ws.workspace.id);
      expect((await findSessionUser(testDb(), sessionOf(ws.users.normal)))?.configVersion).toBe(version);
      await expect(
        testDb().transaction(async (tx) => {
          await tx.update(users).set({ familyName: "Never" }).where(eq(users.id, ws.users.normal.id));
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      await renameStatus(ws.actors.admin, statusByKey(module, "solved").id, "Done");
      expect((await findSessionUser(testDb(), sessionOf(ws.users.normal)))?.configVersion).toBeGreaterThan(version);
    });
  });
});
