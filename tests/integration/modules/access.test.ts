import { expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/permissions";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { archiveField, createField, moveField, removeField, restoreField, updateField } from "@/lib/modules/field-mutations";
import { createGroup, moveGroup, removeGroup, renameGroup } from "@/lib/modules/group-mutations";
import { archiveModule, createModuleFromKind, moveModule, renameModule, restoreModule } from "@/lib/modules/module-mutations";
import { addOption, moveOption, removeOption, renameOption } from "@/lib/modules/option-mutations";
import { getModuleConfig, listModules } from "@/lib/modules/queries";
import { createStatus, moveStatus, recolorStatus, removeStatus, renameStatus } from "@/lib/modules/status-mutations";
import { createWorkspace, type TestWorkspace } from "../../factories";
import { createDatasheets, createTestModule, fieldByKey, setFieldValue, statusByKey, workspaceSnapshot } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";
import { auditOf, expectFieldError, rejectionOf } from "./helpers";

interface Ids {
  moduleId: string;
  groupId: string;
  statusId: string;
  otherStatusId: string;
  fieldId: string;
  selectFieldId: string;
  optionId: string;
  otherOptionId: string;
}

/** Every settings change, aimed at the given ids. */
const mutations: Record<string, (actor: UserActor, ids: Ids) => Promise<unknown>> = {
  renameModule: (a, i) => renameModule(a, i.moduleId, "Renamed"),
  moveModule: (a, i) => moveModule(a, i.moduleId, {}),
  archiveModule: (a, i) => archiveModule(a, i.moduleId),
  restoreModule: (a, i) => restoreModule(a, i.moduleId),
  createGroup: (a, i) => createGroup(a, i.moduleId, { name: "Extra" }),
  renameGroup: (a, i) => renameGroup(a, i.groupId, "Renamed"),
  moveGroup: (a, i) => moveGroup(a, i.groupId, {}),
  removeGroup: (a, i) => removeGroup(a, i.groupId),
  createStatus: (a, i) => createStatus(a, i.groupId, { name: "Extra", color: "#000000" }),
  renameStatus: (a, i) => renameStatus(a, i.statusId, "Renamed"),
  recolorStatus: (a, i) => recolorStatus(a, i.statusId, "#000000"),
  moveStatus: (a, i) => moveStatus(a, i.statusId, { groupId: i.groupId }),
  removeStatus: (a, i) => removeStatus(a, i.statusId, { moveToStatusId: i.otherStatusId }),
  createField: (a, i) => createField(a, i.moduleId, { label: "Extra", type: "text" }),
  updateField: (a, i) => updateField(a, i.fieldId, { label: "Renamed", isRequired: true }),
  moveField: (a, i) => moveField(a, i.fieldId, {}),
  archiveField: (a, i) => archiveField(a, i.fieldId),
  restoreField: (a, i) => restoreField(a, i.fieldId),
  removeField: (a, i) => removeField(a, i.fieldId, { confirm: true }),
  addOption: (a, i) => addOption(a, i.selectFieldId, { label: "Extra" }),
  renameOption: (a, i) => renameOption(a, i.optionId, "Renamed"),
  moveOption: (a, i) => moveOption(a, i.optionId, {}),
  removeOption: (a, i) => removeOption(a, i.optionId, { replaceWithOptionId: i.otherOptionId }),
};

/** A customer service module with datasheets and values, and the ids of everything in it. */
async function configured(ws: TestWorkspace): Promise<Ids> {
  const config = await createTestModule(ws.actors.admin, "customer_service");
  const status = statusByKey(config, "waiting_for_client");
  const [sheet] = await createDatasheets(ws.workspace.id, { moduleId: config.module.id, statusId: status.id }, 2);
  const priority = fieldByKey(config, "priority");
  await setFieldValue(sheet!, priority.id, "high");
  await setFieldValue(sheet!, fieldByKey(config, "deadline").id, "2026-05-01");
  return {
    moduleId: config.module.id,
    groupId: config.groups[1]!.id,
    statusId: status.id,
    otherStatusId: statusByKey(config, "in_progress").id,
    fieldId: fieldByKey(config, "deadline").id,
    selectFieldId: priority.id,
    optionId: priority.options.find((o) => o.key === "high")!.id,
    otherOptionId: priority.options.find((o) => o.key === "low")!.id,
  };
}

describeEachBackend("module settings access", () => {
  for (const role of ["manager", "normal", "restricted"] as const) {
    it(`refuses every settings change and the settings reads to a ${role} user, and changes nothing`, async () => {
      const ws = await createWorkspace();
      const ids = await configured(ws);
      const before = await workspaceSnapshot(ws.workspace.id);
      const auditBefore = (await auditOf(ws.workspace.id)).length;
      const actor = ws.actors[role];

      for (const [name, call] of Object.entries(mutations)) {
        expect(await rejectionOf(call(actor, ids)), name).toBeInstanceOf(ForbiddenError);
      }
      expect(await rejectionOf(createModuleFromKind(actor, { kind: "empty", name: "" }))).toBeInstanceOf(ForbiddenError);
      expect(await rejectionOf(getModuleConfig(actor, ids.moduleId))).toBeInstanceOf(ForbiddenError);
      expect(await rejectionOf(listModules(actor, { includeArchived: true }))).toBeInstanceOf(ForbiddenError);

      expect(await workspaceSnapshot(ws.workspace.id)).toEqual(before);
      expect(await auditOf(ws.workspace.id)).toHaveLength(auditBefore);
      // Navigation: every member sees the active modules' names.
      expect((await listModules(actor)).map((m) => m.id)).toEqual([ids.moduleId]);
    });
  }

  it("makes another workspace's modules, groups, statuses, fields and options look missing to an admin", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    const aIds = await configured(a);
    await configured(b);
    const before = await workspaceSnapshot(a.workspace.id);

    for (const [name, call] of Object.entries(mutations)) {
      expect(await rejectionOf(call(b.actors.admin, aIds)), name).toBeInstanceOf(NotFoundError);
    }
    expect(await rejectionOf(getModuleConfig(b.actors.admin, aIds.moduleId))).toBeInstanceOf(NotFoundError);
    expect((await listModules(b.actors.admin, { includeArchived: true })).some((m) => m.id === aIds.moduleId)).toBe(false);

    expect(await workspaceSnapshot(a.workspace.id)).toEqual(before);
    expect((await auditOf(a.workspace.id)).map((e) => e.actorUserId)).not.toContain(b.actors.admin.userId);
  });

  it("does not let an admin point their own statuses, options or drops at another workspace's ids", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    const aIds = await configured(a);
    const bIds = await configured(b);
    const aBefore = await workspaceSnapshot(a.workspace.id);
    const bBefore = await workspaceSnapshot(b.workspace.id);
    const admin = b.actors.admin;

    expect(await rejectionOf(moveStatus(admin, bIds.statusId, { groupId: aIds.groupId }))).toBeInstanceOf(NotFoundError);
    await expectFieldError(removeStatus(admin, bIds.statusId, { moveToStatusId: aIds.otherStatusId }), "moveToStatusId", "statusInvalid");
    await expectFieldError(removeOption(admin, bIds.optionId, { replaceWithOptionId: aIds.otherOptionId }), "replaceWithOptionId", "optionInvalid");
    expect(await rejectionOf(moveModule(admin, bIds.moduleId, { afterId: aIds.moduleId }))).toBeInstanceOf(ConflictError);
    expect(await rejectionOf(moveOption(admin, bIds.optionId, { beforeId: aIds.optionId }))).toBeInstanceOf(ConflictError);

    expect(await workspaceSnapshot(a.workspace.id)).toEqual(aBefore);
    expect(await workspaceSnapshot(b.workspace.id)).toEqual(bBefore);
  });

  it("answers ids that are not ids with not found", async () => {
    const ws = await createWorkspace();
    const bad: Ids = {
      moduleId: "1",
      groupId: "x",
      statusId: "'; drop table statuses; --",
      otherStatusId: "",
      fieldId: "00000000-0000-0000-0000-00000000000g",
      selectFieldId: "null",
      optionId: "undefined",
      otherOptionId: "",
    };
    for (const [name, call] of Object.entries(mutations)) {
      expect(await rejectionOf(call(ws.actors.admin, bad)), name).toBeInstanceOf(NotFoundError);
    }
    expect(await rejectionOf(getModuleConfig(ws.actors.admin, "42"))).toBeInstanceOf(NotFoundError);
  });
});
