import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { datasheetValues, fieldOptions, fields, type Field } from "@/db/schema";
import { datasheetFieldsChanged } from "@/inngest/events";
import type { Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { fromStoredValues, toStoredValues } from "@/lib/fields/storage";
import { parseFieldValue, type FieldValue } from "@/lib/fields/values";
import { getVisibleDatasheet } from "./access";
import { commitDatasheet } from "./commit";
import { assertActiveMember } from "./people";
import type { UpdateFieldsInput } from "./schemas";
import { assertVersion } from "./version";

export type FieldWithOptions = Field & { options: { key: string; label: string }[] };

/** A module's fields in their order (archived ones left out: they are not edited), with options. */
export async function moduleFields(db: Conn, moduleId: string, options: { lock?: boolean } = {}): Promise<FieldWithOptions[]> {
  const query = db
    .select()
    .from(fields)
    .where(and(eq(fields.moduleId, moduleId), isNull(fields.archivedAt)))
    .orderBy(asc(fields.position), asc(fields.id));
  // `for share`: a field being changed in Settings meanwhile cannot end up holding a value it no longer allows.
  const rows = options.lock ? await query.for("share") : await query;
  if (!rows.length) return [];
  const optionRows = await db
    .select({ fieldId: fieldOptions.fieldId, key: fieldOptions.key, label: fieldOptions.label })
    .from(fieldOptions)
    .where(
      inArray(
        fieldOptions.fieldId,
        rows.map((f) => f.id),
      ),
    )
    .orderBy(asc(fieldOptions.position), asc(fieldOptions.id));
  return rows.map((f) => ({ ...f, options: optionRows.filter((o) => o.fieldId === f.id).map(({ key, label }) => ({ key, label })) }));
}

/** A datasheet's values by field key (empty fields are absent). */
export async function fieldValuesOf(db: Conn, datasheetId: string, fieldList: readonly Field[]): Promise<Record<string, FieldValue>> {
  const rows = await db.select().from(datasheetValues).where(eq(datasheetValues.datasheetId, datasheetId));
  const out: Record<string, FieldValue> = {};
  for (const field of fieldList) {
    const value = fromStoredValues(
      field.type,
      rows.filter((r) => r.fieldId === field.id),
    );
    if (value !== null) out[field.key] = value;
  }
  return out;
}

function sameValue(a: FieldValue | null | undefined, b: FieldValue | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Inline edits of a datasheet's fields, each checked per type (lib/fields/values.ts); every bad
 * value comes back as its own field error (`fields.<key>`). A save on an older version than the
 * stored one is refused with who changed it and the current values: nothing is overwritten.
 */
export async function updateDatasheetFields(
  conn: Conn,
  actor: Actor,
  input: UpdateFieldsInput,
  now = new Date(),
): Promise<{ version: number; changed: string[] }> {
  return conn.transaction(async (tx) => {
    const datasheet = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
    const fieldList = await moduleFields(tx, datasheet.moduleId, { lock: true });
    await assertVersion(tx, datasheet, input.version, () => fieldValuesOf(tx, datasheet.id, fieldList));
    const current = await fieldValuesOf(tx, datasheet.id, fieldList);
    const errors: Record<string, string> = {};
    const parsed = new Map<FieldWithOptions, FieldValue | null>();
    for (const [key, raw] of Object.entries(input.fields)) {
      const field = fieldList.find((f) => f.key === key);
      if (!field) {
        errors[`fields.${key}`] = "fieldUnknown";
        continue;
      }
      const result = parseFieldValue(field, raw);
      if (!result.ok) errors[`fields.${key}`] = result.error;
      else parsed.set(field, result.value);
    }
    for (const [field, value] of parsed) {
      if (field.type === "user" && typeof value === "string" && !sameValue(value, current[field.key])) {
        await assertActiveMember(tx, actor, value, `fields.${field.key}`).catch((error: unknown) => {
          if (error instanceof ValidationError) Object.assign(errors, error.fieldErrors);
          else throw error;
        });
      }
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const changed = [...parsed].filter(([field, value]) => !sameValue(value, current[field.key]));
    if (!changed.length) return { version: datasheet.version, changed: [] };
    for (const [field, value] of changed) {
      await tx.delete(datasheetValues).where(and(eq(datasheetValues.datasheetId, datasheet.id), eq(datasheetValues.fieldId, field.id)));
      const rows = toStoredValues(field.type, value);
      if (rows.length) {
        await tx.insert(datasheetValues).values(rows.map((r) => ({ ...r, workspaceId: actor.workspaceId, datasheetId: datasheet.id, fieldId: field.id })));
      }
    }
    const keys = changed.map(([field]) => field.key);
    const event = datasheetFieldsChanged.create({
      workspaceId: actor.workspaceId,
      moduleId: datasheet.moduleId,
      datasheetId: datasheet.id,
      actorUserId: actor.userId,
      fieldKeys: keys,
    });
    const { version } = await commitDatasheet(tx, actor, { id: datasheet.id, events: [event] }, now);
    return { version, changed: keys };
  });
}
