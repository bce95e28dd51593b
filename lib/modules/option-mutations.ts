import "server-only";
import { and, countDistinct, eq, exists, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Tx } from "@/db/client";
import { datasheetValues, fieldOptions, type Field } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { DomainError, ValidationError } from "@/lib/errors";
import { isSelectType } from "@/lib/fields/types";
import type { Placement } from "@/lib/ranking/placement";
import { uniqueKey } from "./keys";
import { placeInList, siblingsOf } from "./positions";
import { lockField, lockOption } from "./scope";
import { isUuid } from "@/lib/ids";
import { commitFieldChange, holdersOf } from "./field-changes";
import { cleanName } from "./validate";

// Values hold the option's key, not its label: renaming an option changes no datasheet, and
// views, automations and the API that name the key keep working.

async function assertLabelFree(tx: Tx, fieldId: string, label: string, exceptId?: string): Promise<void> {
  const [clash] = await tx
    .select({ id: fieldOptions.id })
    .from(fieldOptions)
    .where(
      and(
        eq(fieldOptions.fieldId, fieldId),
        eq(sql`lower(${fieldOptions.label})`, label.toLowerCase()),
        exceptId ? ne(fieldOptions.id, exceptId) : undefined,
      ),
    );
  if (clash) throw new ValidationError({ label: "optionExists" });
}

function assertEditableOptions(field: Field): void {
  if (!isSelectType(field.type)) throw new DomainError("notSelectField");
}

export async function addOption(actor: UserActor, fieldId: string, input: { label: string } & Placement): Promise<{ id: string; key: string }> {
  assertCan(actor, "settings.manage");
  const label = cleanName(input.label, "label");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { module, field } = await lockField(tx, actor, fieldId);
    assertEditableOptions(field);
    // A system field's choices are what the automatic rule reads (SPEC §3).
    if (field.isSystem) throw new DomainError("systemField");
    await assertLabelFree(tx, field.id, label);
    const taken = await tx.select({ key: fieldOptions.key }).from(fieldOptions).where(eq(fieldOptions.fieldId, field.id));
    const key = uniqueKey(label, new Set(taken.map((t) => t.key)), "option");
    const siblings = await siblingsOf(tx, fieldOptions, eq(fieldOptions.fieldId, field.id));
    const position = await placeInList(tx, fieldOptions, siblings, input);
    const [row] = await tx
      .insert(fieldOptions)
      .values({ workspaceId: actor.workspaceId, fieldId: field.id, key, label, position })
      .returning({ id: fieldOptions.id });
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "field_option.created",
      subjectId: row!.id,
      details: { moduleId: module.id, fieldId: field.id, label, key },
    });
    return { id: row!.id, key };
  });
}

/** The key stays, so every datasheet holding the option shows the new label at once. */
export async function renameOption(actor: UserActor, optionId: string, newLabel: string): Promise<void> {
  assertCan(actor, "settings.manage");
  const label = cleanName(newLabel, "label");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { module, field, option } = await lockOption(tx, actor, optionId);
    if (option.label === label) return;
    await assertLabelFree(tx, field.id, label, option.id);
    await tx.update(fieldOptions).set({ label }).where(eq(fieldOptions.id, optionId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "field_option.renamed",
      subjectId: optionId,
      details: { moduleId: module.id, fieldId: field.id, key: option.key, from: option.label, to: label },
    });
  });
}

export async function moveOption(actor: UserActor, optionId: string, placement: Placement): Promise<void> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { module, field, option } = await lockOption(tx, actor, optionId);
    const siblings = await siblingsOf(tx, fieldOptions, and(eq(fieldOptions.fieldId, field.id), ne(fieldOptions.id, optionId)));
    const position = await placeInList(tx, fieldOptions, siblings, placement);
    await tx.update(fieldOptions).set({ position }).where(eq(fieldOptions.id, optionId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "field_option.moved",
      subjectId: optionId,
      details: { moduleId: module.id, fieldId: field.id, label: option.label },
    });
  });
}

/**
 * Removes an option. Datasheets holding it get `replaceWithOptionId` (another option of the same
 * field) or, with `clear`, lose the value; without either, an option in use stays. A multi
 * select that already holds the replacement just drops the removed one. One transaction; the
 * answer says how many datasheets changed.
 */
export async function removeOption(
  actor: UserActor,
  optionId: string,
  input: { replaceWithOptionId?: string | null; clear?: boolean } = {},
): Promise<{ affectedDatasheets: number }> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { module, field, option } = await lockOption(tx, actor, optionId);
    if (option.isSystem) throw new DomainError("systemOption");
    const holding = and(eq(datasheetValues.fieldId, field.id), eq(datasheetValues.textValue, option.key))!;
    const [held] = await tx.select({ n: countDistinct(datasheetValues.datasheetId) }).from(datasheetValues).where(holding);
    const affectedDatasheets = held?.n ?? 0;
    let replacement: { key: string; label: string } | undefined;
    if (affectedDatasheets > 0) {
      if (input.replaceWithOptionId) {
        const replacementId = input.replaceWithOptionId;
        if (replacementId === optionId || !isUuid(replacementId)) throw new ValidationError({ replaceWithOptionId: "optionInvalid" });
        [replacement] = await tx
          .select({ key: fieldOptions.key, label: fieldOptions.label })
          .from(fieldOptions)
          .where(and(eq(fieldOptions.fieldId, field.id), eq(fieldOptions.id, replacementId)));
        if (!replacement) throw new ValidationError({ replaceWithOptionId: "optionInvalid" });
      } else if (!input.clear || field.isRequired) {
        // A required field cannot be emptied behind its datasheets' backs: choose a replacement.
        throw new ValidationError({ replaceWithOptionId: "required" });
      }
      const holders = await holdersOf(tx, holding);
      if (replacement) {
        const other = alias(datasheetValues, "other");
        const alreadyHoldsReplacement = exists(
          tx
            .select({ one: sql`1` })
            .from(other)
            .where(
              and(
                eq(other.datasheetId, datasheetValues.datasheetId),
                eq(other.fieldId, field.id),
                eq(other.textValue, replacement.key),
              ),
            ),
        );
        await tx.delete(datasheetValues).where(and(holding, alreadyHoldsReplacement));
        await tx.update(datasheetValues).set({ textValue: replacement.key }).where(holding);
      } else {
        await tx.delete(datasheetValues).where(holding);
      }
      await commitFieldChange(tx, actor, { moduleId: module.id, fieldKey: field.key, datasheetIds: holders });
    }
    await tx.delete(fieldOptions).where(eq(fieldOptions.id, optionId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "field_option.removed",
      subjectId: optionId,
      details: {
        moduleId: module.id,
        fieldId: field.id,
        label: option.label,
        key: option.key,
        affectedDatasheets,
        replacedWith: replacement?.key ?? null,
      },
    });
    return { affectedDatasheets };
  });
}
