import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { datasheets, fieldOptions, fields, modules } from "@/db/schema";
import { ConflictError } from "@/lib/errors";
import { archiveModule, createModuleFromKind, moveModule, renameModule, restoreModule } from "@/lib/modules/module-mutations";
import { getModuleConfig, listModules } from "@/lib/modules/queries";
import { createStatus } from "@/lib/modules/status-mutations";
import { createWorkspace } from "../../factories";
import { createDatasheets, createTestModule, statusByKey } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";
import { auditOf, expectDomainError, rejectionOf } from "./helpers";

describeEachBackend("modules", ({ db }) => {
  describe("createModuleFromKind", () => {
    it("creates the customer service template in the workspace's language (Hungarian)", async () => {
      const { actors, workspace } = await createWorkspace({ locale: "hu" });
      const { id } = await createModuleFromKind(actors.admin, { kind: "customer_service", name: "" });
      const config = await getModuleConfig(actors.admin, id);

      expect(config.module).toMatchObject({ name: "Ügyfélszolgálat", kind: "customer_service", archivedAt: null });
      expect(config.groups.map((g) => [g.key, g.name])).toEqual([
        ["open", "Nyitott"],
        ["closed", "Lezárt"],
      ]);
      expect(config.groups.flatMap((g) => g.statuses.map((s) => s.name))).toEqual([
        "Új bejelentés",
        "Folyamatban",
        "Ügyfélre vár",
        "Megoldva",
        "Lezárva",
      ]);
      const priority = config.fields.find((f) => f.key === "priority")!;
      expect(priority.label).toBe("Prioritás");
      expect(priority.options.map((o) => o.label)).toEqual(["Alacsony", "Normál", "Magas", "Sürgős"]);
      expect(config.fields.every((f) => f.datasheetCount === 0)).toBe(true);

      const [entry] = await auditOf(workspace.id);
      expect(entry).toMatchObject({ action: "module.created", subjectId: id, actorUserId: actors.admin.userId });
    });

    it("creates the same module in English for an English workspace, with a chosen name", async () => {
      const { actors } = await createWorkspace({ locale: "en" });
      const config = await createTestModule(actors.admin, "projects", "Furniture projects");
      expect(config.module.name).toBe("Furniture projects");
      expect(config.groups.map((g) => g.name)).toEqual(["Planning", "Delivery", "Finished"]);
      expect(statusByKey(config, "in_progress")).toMatchObject({ name: "In progress", color: "#f59e0b", textColor: "#000000" });
      expect(config.fields.find((f) => f.key === "budget")).toMatchObject({ type: "money", settings: { defaultCurrency: "HUF" } });
    });

    it("creates an empty module with one status to start from", async () => {
      const { actors } = await createWorkspace();
      const config = await createTestModule(actors.admin, "empty");
      expect(config.groups).toHaveLength(1);
      expect(config.groups[0]!.statuses.map((s) => s.name)).toEqual(["New"]);
      expect(config.fields).toEqual([]);
    });

    it("creates the automatic sales module: 13 keyed system statuses in 4 groups, its system fields and default rule settings, in the workspace language", async () => {
      const { actors } = await createWorkspace({ locale: "hu" });
      const config = await createTestModule(actors.admin, "sales_auto");
      expect(config.module).toMatchObject({ name: "Értékesítés", kind: "sales_auto" });
      expect(config.groups.map((g) => [g.key, g.name, g.statuses.length])).toEqual([
        ["marketing", "Marketing", 2],
        ["sales", "Értékesítés", 4],
        ["customers", "Vevők", 3],
        ["non_customers", "Nem vevők", 4],
      ]);
      expect(config.groups.every((g) => g.isSystem && g.statuses.every((s) => s.isSystem))).toBe(true);
      expect(config.fields.map((f) => [f.key, f.label, f.isSystem])).toEqual([
        ["sales_status", "Értékesítési státusz", true],
        ["qualification", "Minősítés", true],
        ["entry", "Belépés", true],
      ]);
      const [row] = await db().select().from(modules).where(eq(modules.id, config.module.id));
      expect(row!.ruleSettings).toEqual({ forgottenDays: 30, inactiveDays: 365, seriousProspectDoneTodos: 3, regularMonths: 3, regularWindowMonths: 12, paidInvoiceClosesWon: true });
      // A workspace may have more than one.
      const second = await createTestModule(actors.admin, "sales_auto");
      expect(second.module.id).not.toBe(config.module.id);
    });
  });

  describe("the list of modules", () => {
    it("keeps the order of creation, and moves a module between two others", async () => {
      const { actors } = await createWorkspace();
      const a = await createTestModule(actors.admin, "sales_manual", "A");
      const b = await createTestModule(actors.admin, "customer_service", "B");
      const c = await createTestModule(actors.admin, "projects", "C");
      const names = async () => (await listModules(actors.admin)).map((m) => m.name);
      expect(await names()).toEqual(["A", "B", "C"]);

      await moveModule(actors.admin, c.module.id, { beforeId: a.module.id });
      expect(await names()).toEqual(["C", "A", "B"]);
      await moveModule(actors.admin, c.module.id, { afterId: a.module.id, beforeId: b.module.id });
      expect(await names()).toEqual(["A", "C", "B"]);
      await moveModule(actors.admin, a.module.id, {});
      expect(await names()).toEqual(["C", "B", "A"]);
    });

    it("refuses a drop between modules that are no longer neighbours, and changes nothing", async () => {
      const { actors } = await createWorkspace();
      const a = await createTestModule(actors.admin, "empty", "A");
      const b = await createTestModule(actors.admin, "empty", "B");
      const c = await createTestModule(actors.admin, "empty", "C");
      const error = await rejectionOf(moveModule(actors.admin, c.module.id, { afterId: a.module.id, beforeId: c.module.id }));
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).code).toBe("orderChanged");
      expect((await listModules(actors.admin)).map((m) => m.id)).toEqual([a.module.id, b.module.id, c.module.id]);
    });

    it("renames a module and records the change", async () => {
      const { actors, workspace } = await createWorkspace();
      const config = await createTestModule(actors.admin);
      await renameModule(actors.admin, config.module.id, "Értékesítés 2026");
      expect((await getModuleConfig(actors.admin, config.module.id)).module.name).toBe("Értékesítés 2026");
      const [entry] = await auditOf(workspace.id);
      expect(entry).toMatchObject({ action: "module.renamed", details: { from: "Sales", to: "Értékesítés 2026" } });
    });
  });

  describe("archive and restore", () => {
    it("hides an archived module, keeps its datasheets and configuration, and restores it", async () => {
      const { actors, workspace } = await createWorkspace();
      const config = await createTestModule(actors.admin, "customer_service");
      const other = await createTestModule(actors.admin, "projects");
      const ids = await createDatasheets(workspace.id, { moduleId: config.module.id, statusId: statusByKey(config, "new_request").id }, 25);

      await archiveModule(actors.admin, config.module.id);
      expect((await listModules(actors.admin)).map((m) => m.id)).toEqual([other.module.id]);
      expect((await listModules(actors.normal)).map((m) => m.id)).toEqual([other.module.id]);
      const archived = await listModules(actors.admin, { includeArchived: true });
      expect(archived.find((m) => m.id === config.module.id)?.archivedAt).toBeInstanceOf(Date);
      expect((await db().select().from(datasheets).where(eq(datasheets.moduleId, config.module.id))).map((d) => d.id).sort()).toEqual(
        [...ids].sort(),
      );
      // Read-only while archived: the configuration cannot change until it is restored.
      await expectDomainError(
        createStatus(actors.admin, config.groups[0]!.id, { name: "Escalated", color: "#ef4444" }),
        "moduleArchived",
      );

      await restoreModule(actors.admin, config.module.id);
      const restored = await getModuleConfig(actors.admin, config.module.id);
      expect(restored.module.archivedAt).toBeNull();
      expect(restored).toEqual({ ...config, groups: restored.groups, module: restored.module });
      expect(statusByKey(restored, "new_request").datasheetCount).toBe(25);
      expect((await listModules(actors.admin)).map((m) => m.id)).toEqual([config.module.id, other.module.id]);
      expect((await auditOf(workspace.id)).slice(0, 2).map((e) => e.action)).toEqual(["module.restored", "module.archived"]);
    });

    it("deletes nothing when archiving", async () => {
      const { actors } = await createWorkspace();
      const config = await createTestModule(actors.admin, "sales_manual");
      const count = async () =>
        (await db().select().from(fieldOptions).innerJoin(fields, eq(fields.id, fieldOptions.fieldId)).where(eq(fields.moduleId, config.module.id)))
          .length;
      const before = await count();
      await archiveModule(actors.admin, config.module.id);
      expect(await count()).toBe(before);
      expect(before).toBeGreaterThan(0);
    });
  });
});
