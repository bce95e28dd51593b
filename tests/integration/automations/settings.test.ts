import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, automations, automationSteps } from "@/db/schema";
import type { UserActor } from "@/lib/auth/permissions";
import { activateAutomation, createAutomation, restoreAutomation, switchOffAutomation, trashAutomation, updateAutomation } from "@/lib/automations/mutations";
import { getAutomationsPage } from "@/lib/automations/queries";
import { createAutomationSchema, updateAutomationSchema } from "@/lib/automations/schemas";
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createWorkspace } from "../../factories";
import { createTestModule } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";
import { createTemplate, newAutomation } from "./helpers";

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describeEachBackend("Settings → Automations", ({ db }) => {
  async function setup() {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin, "sales_manual");
    const status = config.groups[0]!.statuses[1]!;
    const templateId = await createTemplate(ws.actors.admin, config.module.id);
    return { ws, config, status, templateId };
  }

  const snapshot = async (workspaceId: string) => ({
    automations: await db().select().from(automations).where(eq(automations.workspaceId, workspaceId)).orderBy(automations.id),
    steps: await db().select().from(automationSteps).where(eq(automationSteps.workspaceId, workspaceId)).orderBy(automationSteps.id),
  });

  it("lets only the workspace's admins see and change automations; others get forbidden, another workspace not found, and nothing changes", async () => {
    const { ws, config, status, templateId } = await setup();
    const outsider = await createWorkspace();
    const id = await newAutomation(ws.actors.admin, config.module.id, status.id, [{ kind: "email_client", templateId }]);
    const create = createAutomationSchema.parse({ moduleId: config.module.id, name: "X", statusId: status.id, steps: [] });
    const update = updateAutomationSchema.parse({ automationId: id, version: 1, name: "Renamed", statusId: status.id, steps: [] });
    const operations: Record<string, (actor: UserActor) => Promise<unknown>> = {
      page: (a) => getAutomationsPage(db(), a, config.module.id, "en"),
      create: (a) => createAutomation(db(), a, create),
      update: (a) => updateAutomation(db(), a, update),
      activate: (a) => activateAutomation(db(), a, id),
      switchOff: (a) => switchOffAutomation(db(), a, id),
      trash: (a) => trashAutomation(db(), a, id),
      restore: (a) => restoreAutomation(db(), a, id),
    };
    const before = await snapshot(ws.workspace.id);
    for (const role of ["manager", "normal", "restricted"] as const) {
      for (const [name, run] of Object.entries(operations)) {
        expect(await rejectionOf(run(ws.actors[role])), `${role} ${name}`).toBeInstanceOf(ForbiddenError);
      }
    }
    for (const [name, run] of Object.entries(operations)) {
      expect(await rejectionOf(run(outsider.actors.admin)), `outsider ${name}`).toBeInstanceOf(NotFoundError);
    }
    expect(await snapshot(ws.workspace.id)).toEqual(before);
    const page = await getAutomationsPage(db(), ws.actors.admin, config.module.id, "en");
    expect(page.automations.map((a) => a.name)).toEqual(["Welcome"]);
    expect(page.templates.map((t) => t.id)).toEqual([templateId]);
  });

  it("cannot activate an empty automation or one with an incomplete step, and names the step", async () => {
    const { ws, config, status, templateId } = await setup();
    const empty = await newAutomation(ws.actors.admin, config.module.id, status.id, []);
    expect(await rejectionOf(activateAutomation(db(), ws.actors.admin, empty))).toMatchObject({ code: "automationEmpty" });
    const incomplete = await newAutomation(ws.actors.admin, config.module.id, status.id, [
      { kind: "email_client", templateId },
      { kind: "email_user", templateId: null },
    ]);
    expect(await rejectionOf(activateAutomation(db(), ws.actors.admin, incomplete))).toMatchObject({
      code: "automationStepIncomplete",
      params: { position: 2, kind: "email_user", problem: "template" },
    });
    const [row] = await db().select().from(automations).where(eq(automations.id, incomplete));
    expect(row!.activatedAt).toBeNull();
  });

  it("keeps each step's id across a save that reorders and removes steps, and refuses a stale version or an incomplete active automation", async () => {
    const { ws, config, status, templateId } = await setup();
    const id = await newAutomation(ws.actors.admin, config.module.id, status.id, [
      { kind: "email_client", templateId },
      { kind: "todo_user", text: "Call" },
      { kind: "email_user", templateId, recipient: "role", role: "manager" },
    ]);
    await activateAutomation(db(), ws.actors.admin, id);
    const [saved] = (await getAutomationsPage(db(), ws.actors.admin, config.module.id, "en")).automations;
    const [a, b, c] = saved!.steps;
    await updateAutomation(
      db(),
      ws.actors.admin,
      updateAutomationSchema.parse({ automationId: id, version: saved!.version, name: "Welcome", statusId: status.id, steps: [c, a] }),
    );
    const steps = await db().select().from(automationSteps).where(eq(automationSteps.automationId, id)).orderBy(automationSteps.position);
    expect(steps.map((s) => s.id)).toEqual([c!.id, a!.id]);
    expect(b).toBeDefined();

    const stale = updateAutomationSchema.parse({ automationId: id, version: saved!.version, name: "Old", statusId: status.id, steps: [a] });
    expect(await rejectionOf(updateAutomation(db(), ws.actors.admin, stale))).toMatchObject({ code: "changedMeanwhile" });
    const incomplete = updateAutomationSchema.parse({
      automationId: id,
      version: saved!.version + 1,
      name: "Welcome",
      statusId: status.id,
      steps: [{ kind: "todo_user", text: "" }],
    });
    expect(await rejectionOf(updateAutomation(db(), ws.actors.admin, incomplete))).toMatchObject({ code: "automationStepIncomplete", params: { position: 1 } });
  });

  it("refuses a status of another module, a user of another workspace and a step of another automation, writing nothing", async () => {
    const { ws, config, status, templateId } = await setup();
    const other = await createTestModule(ws.actors.admin, "customer_service");
    const outsider = await createWorkspace();
    const foreignStatus = createAutomationSchema.parse({ moduleId: config.module.id, name: "X", statusId: other.groups[0]!.statuses[0]!.id });
    expect(await rejectionOf(createAutomation(db(), ws.actors.admin, foreignStatus))).toBeInstanceOf(ValidationError);
    const foreignUser = createAutomationSchema.parse({
      moduleId: config.module.id,
      name: "X",
      statusId: status.id,
      steps: [{ kind: "todo_user", text: "x", recipient: "user", userId: outsider.users.admin.id }],
    });
    expect(await rejectionOf(createAutomation(db(), ws.actors.admin, foreignUser))).toMatchObject({ fieldErrors: { steps: "userInvalid" } });
    const first = await newAutomation(ws.actors.admin, config.module.id, status.id, [{ kind: "email_client", templateId }]);
    const [step] = await db().select().from(automationSteps).where(eq(automationSteps.automationId, first));
    const stolen = createAutomationSchema.parse({
      moduleId: config.module.id,
      name: "Y",
      statusId: status.id,
      steps: [{ id: step!.id, kind: "email_client" }],
    });
    expect(await rejectionOf(createAutomation(db(), ws.actors.admin, stolen))).toBeInstanceOf(ValidationError);
    const names = (await db().select().from(automations).where(eq(automations.workspaceId, ws.workspace.id))).map((a) => a.name);
    expect(names).toEqual(["Welcome"]);
  });

  it("moves an automation to the trash and restores it with one call, switched off, audited", async () => {
    const { ws, config, status, templateId } = await setup();
    const id = await newAutomation(ws.actors.admin, config.module.id, status.id, [{ kind: "email_client", templateId }]);
    await activateAutomation(db(), ws.actors.admin, id);
    await trashAutomation(db(), ws.actors.admin, id);
    expect(await rejectionOf(activateAutomation(db(), ws.actors.admin, id))).toBeInstanceOf(DomainError);
    await restoreAutomation(db(), ws.actors.admin, id);
    const [row] = await db().select().from(automations).where(eq(automations.id, id));
    expect(row).toMatchObject({ deletedAt: null, activatedAt: null });
    const actions = (await db().select().from(auditLog).where(eq(auditLog.subjectId, id))).map((e) => e.action).sort();
    expect(actions).toEqual(["automation.activated", "automation.created", "automation.restored", "automation.trashed"]);
  });
});
