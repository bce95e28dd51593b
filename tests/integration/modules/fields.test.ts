import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { datasheets, datasheetValues, fields } from "@/db/schema";
import {
  archiveField,
  createField,
  moveField,
  removeField,
  restoreField,
  updateField,
} from "@/lib/modules/field-mutations";
import { addOption, moveOption, removeOption, renameOption } from "@/lib/modules/option-mutations";
import { getModuleConfig } from "@/lib/modules/queries";
import { createWorkspace } from "../../factories";
import {
  createAutomaticModule,
  createDatasheets,
  createTestModule,
  fieldByKey,
  setFieldValue,
  textValuesOf,
  workspaceSnapshot,
} from "../../factories/modules";
import { describeEachBackend } from "../../support/db";
import { auditOf, expectDomainError, expectFieldError } from "./helpers";

describeEachBackend("fields and options", ({ db }) => {
  async function moduleWithSheets(kind: "customer_service" | "projects", count: number) {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, kind);
    const firstStatus = config.groups[0]!.statuses[0]!;
    const ids = await createDatasheets(ws.workspace.id, { moduleId: config.module.id, statusId: firstStatus.id }, count);
    return { ...ws, config, ids };
  }

  describe("fields", () => {
    it("get a key from the first label that never changes, de-duplicated", async () => {
      const { actors, workspace } = await createWorkspace();
      const config = await createTestModule(actors.admin, "empty");
      const first = await createField(actors.admin, config.module.id, { label: "Company size", type: "number" });
      const second = await createField(actors.admin, config.module.id, { label: "Company  size!", type: "text", beforeId: first.id });
      expect([first.key, second.key]).toEqual(["company_size", "company_size_2"]);

      await updateField(actors.admin, first.id, { label: "Headcount", helpText: "People on the payroll", isRequired: true });
      const field = fieldByKey(await getModuleConfig(actors.admin, config.module.id), "company_size");
      expect(field).toMatchObject({ id: first.id, label: "Headcount", helpText: "People on the payroll", isRequired: true, type: "number" });
      expect((await getModuleConfig(actors.admin, config.module.id)).fields.map((f) => f.key)).toEqual(["company_size_2", "company_size"]);
      expect((await auditOf(workspace.id))[0]).toMatchObject({
        action: "field.updated",
        details: { key: "company_size", from: "Company size", to: "Headcount" },
      });
    });

    it("keeps a money field's default currency (HUF unless chosen)", async () => {
      const { actors } = await createWorkspace();
      const config = await createTestModule(actors.admin, "empty");
      const huf = await createField(actors.admin, config.module.id, { label: "Budget", type: "money" });
      const eur = await createField(actors.admin, config.module.id, { label: "Budget abroad", type: "money", defaultCurrency: "eur" });
      await expectFieldError(
        createField(actors.admin, config.module.id, { label: "Bad", type: "money", defaultCurrency: "XYZ" }),
        "defaultCurrency",
        "currencyInvalid",
      );
      const after = await getModuleConfig(actors.admin, config.module.id);
      expect(after.fields.find((f) => f.id === huf.id)?.settings).toEqual({ defaultCurrency: "HUF" });
      expect(after.fields.find((f) => f.id === eur.id)?.settings).toEqual({ defaultCurrency: "EUR" });
    });

    it("are reordered by drag and drop", async () => {
      const { actors, config } = await moduleWithSheets("customer_service", 0);
      const keys = () => getModuleConfig(actors.admin, config.module.id).then((c) => c.fields.map((f) => f.key));
      expect(await keys()).toEqual(["priority", "channel", "category", "deadline", "description"]);
      await moveField(actors.admin, fieldByKey(config, "description").id, { beforeId: fieldByKey(config, "priority").id });
      await moveField(actors.admin, fieldByKey(config, "priority").id, {
        afterId: fieldByKey(config, "category").id,
        beforeId: fieldByKey(config, "deadline").id,
      });
      expect(await keys()).toEqual(["description", "channel", "category", "priority", "deadline"]);
    });

    it("archive keeps the values; removal needs a confirmation naming how many datasheets hold one", async () => {
      const { actors, config, ids, workspace } = await moduleWithSheets("customer_service", 5);
      const deadline = fieldByKey(config, "deadline");
      for (const id of ids.slice(0, 3)) await setFieldValue(id, deadline.id, "2026-04-30");

      await archiveField(actors.admin, deadline.id);
      const archived = fieldByKey(await getModuleConfig(actors.admin, config.module.id), "deadline");
      expect(archived.archivedAt).toBeInstanceOf(Date);
      expect(archived.datasheetCount).toBe(3);
      await restoreField(actors.admin, deadline.id);

      const refused = await expectDomainError(removeField(actors.admin, deadline.id), "fieldHasValues");
      expect(refused.params).toEqual({ count: 3 });
      expect(await db().select().from(datasheetValues).where(eq(datasheetValues.fieldId, deadline.id))).toHaveLength(3);

      expect(await removeField(actors.admin, deadline.id, { confirm: true })).toEqual({ clearedDatasheets: 3 });
      expect(await db().select().from(fields).where(eq(fields.id, deadline.id))).toEqual([]);
      expect(await db().select().from(datasheetValues).where(eq(datasheetValues.fieldId, deadline.id))).toEqual([]);
      expect(await db().select().from(datasheets).where(eq(datasheets.moduleId, config.module.id))).toHaveLength(5);
      expect((await auditOf(workspace.id))[0]).toMatchObject({ action: "field.removed", details: { clearedDatasheets: 3, key: "deadline" } });
    });

    it("removes an unused field without a confirmation", async () => {
      const { actors, config } = await moduleWithSheets("customer_service", 2);
      expect(await removeField(actors.admin, fieldByKey(config, "channel").id)).toEqual({ clearedDatasheets: 0 });
    });

    it("system fields: label and help only; never archived or removed", async () => {
      const { actors } = await createWorkspace();
      const auto = await createAutomaticModule(actors.admin);
      const field = auto.salesStatusField;
      await updateField(actors.admin, field.id, { label: "Értékesítés státusza", helpText: "Set by the sales team" });
      await expectDomainError(updateField(actors.admin, field.id, { label: "Sales status", isRequired: true }), "systemField");
      await expectDomainError(archiveField(actors.admin, field.id), "systemField");
      await expectDomainError(removeField(actors.admin, field.id, { confirm: true }), "systemField");
      await expectDomainError(addOption(actors.admin, field.id, { label: "Paused" }), "systemField");
      const option = (await getModuleConfig(actors.admin, auto.moduleId)).fields[0]!.options.find((o) => o.key === "closed_won")!;
      await expectDomainError(removeOption(actors.admin, option.id, { clear: true }), "systemOption");
      await renameOption(actors.admin, option.id, "Lezárt nyert");
      const after = (await getModuleConfig(actors.admin, auto.moduleId)).fields[0]!;
      expect(after).toMatchObject({ key: "sales_status", label: "Értékesítés státusza", isRequired: false });
      expect(after.options.map((o) => [o.key, o.label])).toContainEqual(["closed_won", "Lezárt nyert"]);
    });
  });

  describe("options", () => {
    it("are added and reordered; a rename keeps the key, so the values follow", async () => {
      const { actors, config, ids } = await moduleWithSheets("customer_service", 4);
      const priority = fieldByKey(config, "priority");
      const high = priority.options.find((o) => o.key === "high")!;
      await setFieldValue(ids[0]!, priority.id, "high");
      await setFieldValue(ids[1]!, priority.id, "low");

      const critical = await addOption(actors.admin, priority.id, { label: "Critical", afterId: priority.options.at(-1)!.id });
      expect(critical.key).toBe("critical");
      await expectFieldError(addOption(actors.admin, priority.id, { label: "critical" }), "label", "optionExists");
      await moveOption(actors.admin, critical.id, { beforeId: priority.options[0]!.id });
      await renameOption(actors.admin, high.id, "Important");

      const after = fieldByKey(await getModuleConfig(actors.admin, config.module.id), "priority");
      expect(after.options.map((o) => [o.key, o.label])).toEqual([
        ["critical", "Critical"],
        ["low", "Low"],
        ["normal", "Normal"],
        ["high", "Important"],
        ["urgent", "Urgent"],
      ]);
      expect(after.options.find((o) => o.key === "high")?.datasheetCount).toBe(1);
      expect(await textValuesOf(priority.id)).toEqual({ [ids[0]!]: ["high"], [ids[1]!]: ["low"] });
    });

    it("refuse options on fields that are not selects", async () => {
      const { actors, config } = await moduleWithSheets("customer_service", 0);
      await expectDomainError(addOption(actors.admin, fieldByKey(config, "deadline").id, { label: "Soon" }), "notSelectField");
    });

    it("removing one in use asks what happens to the datasheets, and changes nothing until told", async () => {
      const { actors, config, ids, workspace } = await moduleWithSheets("customer_service", 3);
      const channel = fieldByKey(config, "channel");
      const phone = channel.options.find((o) => o.key === "phone")!;
      await setFieldValue(ids[0]!, channel.id, "phone");
      const before = await workspaceSnapshot(workspace.id);
      await expectFieldError(removeOption(actors.admin, phone.id), "replaceWithOptionId", "required");
      await expectFieldError(removeOption(actors.admin, phone.id, { replaceWithOptionId: phone.id }), "replaceWithOptionId", "optionInvalid");
      const otherField = fieldByKey(config, "priority").options[0]!;
      await expectFieldError(
        removeOption(actors.admin, phone.id, { replaceWithOptionId: otherField.id }),
        "replaceWithOptionId",
        "optionInvalid",
      );
      expect(await workspaceSnapshot(workspace.id)).toEqual(before);
    });

    it("replace: a single select's datasheets get the other option; other fields and datasheets untouched", async () => {
      const { actors, config, ids, workspace } = await moduleWithSheets("customer_service", 6);
      const channel = fieldByKey(config, "channel");
      const category = fieldByKey(config, "category");
      const option = (key: string) => channel.options.find((o) => o.key === key)!;
      await setFieldValue(ids[0]!, channel.id, "phone");
      await setFieldValue(ids[1]!, channel.id, "phone");
      await setFieldValue(ids[2]!, channel.id, "email");
      await setFieldValue(ids[3]!, category.id, "complaint");
      const categoryBefore = await textValuesOf(category.id);

      const result = await removeOption(actors.admin, option("phone").id, { replaceWithOptionId: option("web_form").id });
      expect(result).toEqual({ affectedDatasheets: 2 });
      expect(await textValuesOf(channel.id)).toEqual({ [ids[0]!]: ["web_form"], [ids[1]!]: ["web_form"], [ids[2]!]: ["email"] });
      expect(await textValuesOf(category.id)).toEqual(categoryBefore);
      const versions = await db().select({ id: datasheets.id, version: datasheets.version }).from(datasheets).where(eq(datasheets.moduleId, config.module.id));
      expect(versions.filter((v) => v.version === 2).map((v) => v.id).sort()).toEqual([ids[0]!, ids[1]!].sort());
      expect((await auditOf(workspace.id))[0]).toMatchObject({
        action: "field_option.removed",
        details: { key: "phone", affectedDatasheets: 2, replacedWith: "web_form" },
      });
      const after = fieldByKey(await getModuleConfig(actors.admin, config.module.id), "channel");
      expect(after.options.map((o) => o.key)).toEqual(["email", "web_form", "in_person"]);
    });

    it("replace: a multi select that already holds the replacement keeps it once", async () => {
      const { actors, config, ids } = await moduleWithSheets("projects", 4);
      const tags = fieldByKey(config, "tags");
      const option = (key: string) => tags.options.find((o) => o.key === key)!;
      await setFieldValue(ids[0]!, tags.id, ["internal", "maintenance"]);
      await setFieldValue(ids[1]!, tags.id, ["maintenance", "client_project"]);
      await setFieldValue(ids[2]!, tags.id, ["client_project"]);

      const result = await removeOption(actors.admin, option("maintenance").id, { replaceWithOptionId: option("internal").id });
      expect(result).toEqual({ affectedDatasheets: 2 });
      expect(await textValuesOf(tags.id)).toEqual({
        [ids[0]!]: ["internal"],
        [ids[1]!]: ["internal", "client_project"],
        [ids[2]!]: ["client_project"],
      });
    });

    it("clear: the datasheets lose that value only; a required field needs a replacement instead", async () => {
      const { actors, config, ids } = await moduleWithSheets("projects", 4);
      const tags = fieldByKey(config, "tags");
      const option = (key: string) => tags.options.find((o) => o.key === key)!;
      await setFieldValue(ids[0]!, tags.id, ["internal", "maintenance"]);
      await setFieldValue(ids[1]!, tags.id, ["maintenance"]);
      await setFieldValue(ids[2]!, tags.id, ["client_project"]);

      expect(await removeOption(actors.admin, option("maintenance").id, { clear: true })).toEqual({ affectedDatasheets: 2 });
      expect(await textValuesOf(tags.id)).toEqual({ [ids[0]!]: ["internal"], [ids[2]!]: ["client_project"] });

      await updateField(actors.admin, tags.id, { label: "Tags", isRequired: true });
      await expectFieldError(removeOption(actors.admin, option("internal").id, { clear: true }), "replaceWithOptionId", "required");
      expect(await textValuesOf(tags.id)).toEqual({ [ids[0]!]: ["internal"], [ids[2]!]: ["client_project"] });
    });

    it("an unused option goes without asking", async () => {
      const { actors, config } = await moduleWithSheets("customer_service", 1);
      const urgent = fieldByKey(config, "priority").options.find((o) => o.key === "urgent")!;
      expect(await removeOption(actors.admin, urgent.id)).toEqual({ affectedDatasheets: 0 });
      const after = fieldByKey(await getModuleConfig(actors.admin, config.module.id), "priority");
      expect(after.options.map((o) => o.key)).toEqual(["low", "normal", "high"]);
    });
  });
});
