import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { fieldOptions, fields, modules, statuses, statusGroups, workspaces, type ModuleKind } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { seedDefaultAutomations } from "@/lib/automations/defaults";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { initialRanks } from "@/lib/ranking/rank";
import type { Placement } from "@/lib/ranking/placement";
import { placeInList, siblingsOf } from "./positions";
import type { CreateModuleInput } from "./schemas";
import { lockModule, lockModuleList } from "./scope";
import { defaultRuleSettings } from "@/lib/statuses/derive";
import { templateFor, type ModuleTemplate } from "./templates";

async function workspaceLocale(tx: Tx, workspaceId: string): Promise<Locale> {
  const [row] = await tx.select({ locale: workspaces.locale }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw new NotFoundError();
  return row.locale;
}

/** Writes a template's groups, statuses, fields and options into a new module, in set-based inserts. */
export async function applyTemplate(tx: Tx, workspaceId: string, moduleId: string, template: ModuleTemplate, locale: Locale) {
  const isSystem = template.isSystem ?? false;
  const groupRanks = initialRanks(template.groups.length);
  const groupRows = await tx
    .insert(statusGroups)
    .values(template.groups.map((g, i) => ({ workspaceId, moduleId, key: g.key, name: g.name[locale], position: groupRanks[i]!, isSystem })))
    .returning({ id: statusGroups.id, key: statusGroups.key });
  const groupIds = new Map(groupRows.map((g) => [g.key, g.id]));
  const statusRows = template.groups.flatMap((g) => {
    const ranks = initialRanks(g.statuses.length);
    return g.statuses.map((s, i) => ({
      workspaceId,
      moduleId,
      groupId: groupIds.get(g.key)!,
      key: s.key,
      name: s.name[locale],
      color: s.color,
      position: ranks[i]!,
      isSystem,
    }));
  });
  if (statusRows.length) await tx.insert(statuses).values(statusRows);
  if (!template.fields.length) return;
  const fieldRanks = initialRanks(template.fields.length);
  const fieldRows = await tx
    .insert(fields)
    .values(
      template.fields.map((f, i) => ({
        workspaceId,
        moduleId,
        key: f.key,
        label: f.label[locale],
        type: f.type,
        helpText: f.helpText?.[locale] ?? "",
        isRequired: f.isRequired ?? false,
        settings: f.settings ?? {},
        position: fieldRanks[i]!,
        isSystem,
      })),
    )
    .returning({ id: fields.id, key: fields.key });
  const fieldIds = new Map(fieldRows.map((f) => [f.key, f.id]));
  const optionRows = template.fields.flatMap((f) => {
    const ranks = initialRanks(f.options?.length ?? 0);
    return (f.options ?? []).map((o, i) => ({
      workspaceId,
      fieldId: fieldIds.get(f.key)!,
      key: o.key,
      label: o.label[locale],
      position: ranks[i]!,
      isSystem,
    }));
  });
  if (optionRows.length) await tx.insert(fieldOptions).values(optionRows);
}

/**
 * Settings → Modules → New module: a module of the chosen kind with its recommended groups,
 * statuses and fields, named in the workspace language, placed at the end of the list.
 */
export async function createModuleFromKind(
  actor: UserActor,
  input: { kind: ModuleKind; name?: string } | CreateModuleInput,
): Promise<{ id: string }> {
  assertCan(actor, "settings.manage");
  const template = templateFor(input.kind);
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockModuleList(tx, actor);
    const locale = await workspaceLocale(tx, actor.workspaceId);
    const siblings = await siblingsOf(tx, modules, eq(modules.workspaceId, actor.workspaceId));
    const position = await placeInList(tx, modules, siblings, {});
    const name = input.name?.trim() || template.name[locale];
    const [row] = await tx
      .insert(modules)
      .values({ workspaceId: actor.workspaceId, name, kind: template.kind, position, ruleSettings: template.kind === "sales_auto" ? { ...defaultRuleSettings } : null })
      .returning({ id: modules.id });
    await applyTemplate(tx, actor.workspaceId, row!.id, template, locale);
    // SPEC §4: the automatic module's default automations, switched off, with their templates.
    if (template.kind === "sales_auto") await seedDefaultAutomations(tx, actor.workspaceId, row!.id, locale);
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "module.created",
      subjectId: row!.id,
      details: { name, kind: template.kind },
    });
    return { id: row!.id };
  });
}

export async function renameModule(actor: UserActor, moduleId: string, name: string): Promise<void> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const before = await lockModule(tx, actor, moduleId, { allowArchived: true });
    if (before.name === name) return;
    await tx.update(modules).set({ name, updatedAt: new Date() }).where(eq(modules.id, moduleId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "module.renamed",
      subjectId: moduleId,
      details: { from: before.name, to: name },
    });
  });
}

/** Drag & drop in the list of modules (archived ones keep their place, hidden or not). */
export async function moveModule(actor: UserActor, moduleId: string, placement: Placement): Promise<void> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  await db.transaction(async (tx) => {
    await lockModuleList(tx, actor);
    const current = await lockModule(tx, actor, moduleId, { allowArchived: true });
    const siblings = (await siblingsOf(tx, modules, eq(modules.workspaceId, actor.workspaceId))).filter((m) => m.id !== moduleId);
    const position = await placeInList(tx, modules, siblings, placement);
    await tx.update(modules).set({ position, updatedAt: new Date() }).where(eq(modules.id, moduleId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "module.moved",
      subjectId: moduleId,
      details: { name: current.name, ...placement },
    });
  });
}

async function setArchived(actor: UserActor, moduleId: string, archived: boolean): Promise<void> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  await db.transaction(async (tx) => {
    await lockModuleList(tx, actor);
    const current = await lockModule(tx, actor, moduleId, { allowArchived: true });
    if (Boolean(current.archivedAt) === archived) return;
    await tx
      .update(modules)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(modules.id, moduleId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: archived ? "module.archived" : "module.restored",
      subjectId: moduleId,
      details: { name: current.name },
    });
  });
}

/** Hides the module; its datasheets, statuses and fields stay as they are, to be restored. */
export function archiveModule(actor: UserActor, moduleId: string): Promise<void> {
  return setArchived(actor, moduleId, true);
}

export function restoreModule(actor: UserActor, moduleId: string): Promise<void> {
  return setArchived(actor, moduleId, false);
}
