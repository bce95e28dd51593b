import "server-only";
import { and, countDistinct, eq, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { datasheetValues, fieldOptions, fields, workspaces, type FieldSettings, type FieldType } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { commitFieldChange, holdersOf } from "./field-changes";
import { DomainError, ValidationError } from "@/lib/errors";
import { isSelectType } from "@/lib/fields/types";
import { DEFAULT_CURRENCY, isCurrency } from "@/lib/fields/values";
import { initialRanks } from "@/lib/ranking/rank";
import type { Placement } from "@/lib/ranking/placement";
import { uniqueKey } from "./keys";
import { placeInList, siblingsOf } from "./positions";
import { lockField, lockModule } from "./scope";
import { cleanName } from "./validate";

export interface FieldInput {
  label: string;
  helpText?: string;
  isRequired?: boolean;
  /** Money fields: the currency of a value entered without one (the workspace's when not given). */
  defaultCurrency?: string;
}

function cleanHelpText(value: string | undefined): string {
  const text = (value ?? "").trim();
  if (text.length > 500) throw new ValidationError({ helpText: "tooLong" });
  return text;
}

function settingsFor(type: FieldType, defaultCurrency: string | undefined, current: FieldSettings = {}): FieldSettings {
  if (type !== "money") return {};
  const currency = (defaultCurrency ?? current.defaultCurrency ?? DEFAULT_CURRENCY).toUpperCase();
  if (!isCurrency(currency)) throw new ValidationError({ defaultCurrency: "currencyInvalid" });
  return { ...current, defaultCurrency: currency };
}

/**
 * A new field. Its key comes from the label once (`company_size`, `company_size_2` when taken,
 * also by an archived field) and never changes. Select fields may bring their first options.
 */
export async function createField(
  actor: UserActor,
  moduleId: string,
  input: FieldInput & { type: FieldType; options?: string[] } & Placement,
): Promise<{ id: string; key: string }> {
  assertCan(actor, "settings.manage");
  const label = cleanName(input.label, "label");
  const helpText = cleanHelpText(input.helpText);
  const db = await getDb();
  // A money field's currency, when the admin names none: the workspace's (Settings → Workspace).
  const workspaceCurrency =
    input.type === "money" && !input.defaultCurrency
      ? (await db.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)))[0]?.currency
      : undefined;
  const settings = settingsFor(input.type, input.defaultCurrency || workspaceCurrency);
  const optionLabels = isSelectType(input.type) ? (input.options ?? []).map((o) => cleanName(o, "label")) : [];
  return db.transaction(async (tx) => {
    const owner = await lockModule(tx, actor, moduleId);
    const taken = await tx.select({ key: fields.key }).from(fields).where(eq(fields.moduleId, owner.id));
    const key = uniqueKey(label, new Set(taken.map((t) => t.key)), "field");
    const siblings = await siblingsOf(tx, fields, eq(fields.moduleId, owner.id));
    const position = await placeInList(tx, fields, siblings, input);
    const [row] = await tx
      .insert(fields)
      .values({
        workspaceId: actor.workspaceId,
        moduleId: owner.id,
        key,
        label,
        type: input.type,
        helpText,
        isRequired: input.isRequired ?? false,
        settings,
        position,
      })
      .returning({ id: fields.id });
    if (optionLabels.length) {
      const ranks = initialRanks(optionLabels.length);
      const keys = new Set<string>();
      await tx.insert(fieldOptions).values(
        optionLabels.map((optionLabel, i) => {
          const optionKey = uniqueKey(optionLabel, keys, "option");
          keys.add(optionKey);
          return { workspaceId: actor.workspaceId, fieldId: row!.id, key: optionKey, label: optionLabel, position: ranks[i]! };
        }),
      );
    }
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "field.created",
      subjectId: row!.id,
      details: { moduleId: owner.id, label, type: input.type, key },
    });
    return { id: row!.id, key };
  });
}

/** Label, help text, required flag, default currency. The key and the type never change. */
export async function updateField(actor: UserActor, fieldId: string, input: FieldInput): Promise<void> {
  assertCan(actor, "settings.manage");
  const label = cleanName(input.label, "label");
  const helpText = cleanHelpText(input.helpText);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { module, field } = await lockField(tx, actor, fieldId);
    const isRequired = input.isRequired ?? field.isRequired;
    // A system field's emptiness means something to the automatic rule (SPEC §3: Sales status empty).
    if (field.isSystem && isRequired !== field.isRequired) throw new DomainError("systemField");
    const settings = settingsFor(field.type, input.defaultCurrency, field.settings);
    const next = { label, helpText, isRequired, settings };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(field[k]),
    );
    if (!changed.length) return;
    await tx
      .update(fields)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(fields.id, fieldId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "field.updated",
      subjectId: fieldId,
      details: { moduleId: module.id, key: field.key, changed, ...(changed.includes("label") ? { from: field.label, to: label } : {}) },
    });
  });
}

export async function moveField(actor: UserActor, fieldId: string, placement: Placement): Promise<void> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { module, field } = await lockField(tx, actor, fieldId);
    const siblings = await siblingsOf(tx, fields, and(eq(fields.moduleId, module.id), ne(fields.id, fieldId)));
    const position = await placeInList(tx, fields, siblings, placement);
    await tx.update(fields).set({ position, updatedAt: new Date() }).where(eq(fields.id, fieldId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "field.moved",
      subjectId: fieldId,
      details: { moduleId: module.id, label: field.label },
    });
  });
}

async function setFieldArchived(actor: UserActor, fieldId: string, archived: boolean): Promise<void> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { module, field } = await lockField(tx, actor, fieldId);
    if (field.isSystem) throw new DomainError("systemField");
    if (Boolean(field.archivedAt) === archived) return;
    await tx
      .update(fields)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(fields.id, fieldId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: archived ? "field.archived" : "field.restored",
      subjectId: fieldId,
      details: { moduleId: module.id, label: field.label, key: field.key },
    });
  });
}

/** Hides the field from datasheets and forms; its values stay, to be restored. */
export function archiveField(actor: UserActor, fieldId: string): Promise<void> {
  return setFieldArchived(actor, fieldId, true);
}

export function restoreField(actor: UserActor, fieldId: string): Promise<void> {
  return setFieldArchived(actor, fieldId, false);
}

/**
 * Removes a field with its values. When datasheets hold a value, only with `confirm`; otherwise
 * "fieldHasValues" says how many (archiving keeps them instead).
 */
export async function removeField(
  actor: UserActor,
  fieldId: string,
  input: { confirm?: boolean } = {},
): Promise<{ clearedDatasheets: number }> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { module, field } = await lockField(tx, actor, fieldId);
    if (field.isSystem) throw new DomainError("systemField");
    const [held] = await tx
      .select({ n: countDistinct(datasheetValues.datasheetId) })
      .from(datasheetValues)
      .where(eq(datasheetValues.fieldId, fieldId));
    const clearedDatasheets = held?.n ?? 0;
    if (clearedDatasheets > 0 && !input.confirm) throw new DomainError("fieldHasValues", { count: clearedDatasheets });
    const holders = clearedDatasheets > 0 ? await holdersOf(tx, eq(datasheetValues.fieldId, fieldId)) : [];
    await tx.delete(fields).where(eq(fields.id, fieldId));
    await commitFieldChange(tx, actor, { moduleId: module.id, fieldKey: field.key, datasheetIds: holders });
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "field.removed",
      subjectId: fieldId,
      details: { moduleId: module.id, label: field.label, key: field.key, type: field.type, clearedDatasheets },
    });
    return { clearedDatasheets };
  });
}
