import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Conn, Tx } from "@/db/client";
import { businesses, contacts, datasheets, modules, statuses, statusGroups, type Business } from "@/db/schema";
import { datasheetCreated } from "@/inngest/events";
import { isSystem, type Actor } from "@/lib/auth/permissions";
import type { CompanyData, ContactInput, NewBusinessInput } from "@/lib/businesses/schemas";
import { buildSearchText } from "@/lib/businesses/search-text";
import { jsonRows } from "@/lib/db/sql";
import { DomainError, ValidationError } from "@/lib/errors";
import { toStoredValues } from "@/lib/fields/storage";
import { parseFieldValue, type FieldValue } from "@/lib/fields/values";
import { isUuid } from "@/lib/ids";
import { getVisibleDatasheet } from "./access";
import { commitDatasheets, type NewDatasheet } from "./commit";
import { moduleFields, type FieldWithOptions } from "./field-values";
import { activeMembers, responsibleProblem } from "./people";
import type { AddToModuleInput, NewClientInput } from "./schemas";
import type { StatusMove } from "./status-changes";
import { initialSalesStatus, type Entry } from "@/lib/statuses/derive";

/** Where a new datasheet of the automatic module is inserted; the commit point moves it where the rule says, in the same statement batch. */
const AUTOMATIC_FIRST_STATUS = "awaiting_processing";

/** A new business: what New client asks, and optionally the rest of the company data and its newsletter consent (an import, the demo). */
export type NewBusiness = NewBusinessInput & Partial<Omit<CompanyData, keyof NewBusinessInput>> & { newsletterConsentAt?: Date | null };

/** One new client: New client's input, plus the creation time the demo and the data generator backdate. */
export type NewClientRow = Omit<NewClientInput, "fields" | "business"> & { business: NewBusiness; fields?: Record<string, unknown>; createdAt?: Date };

/** A datasheet to put a business into. */
interface Placement {
  businessId: string;
  businessName: string;
  moduleId: string;
  statusId: string | null;
  responsibleUserId: string | null;
  fields?: Record<string, unknown>;
  createdAt?: Date;
}

interface ModuleTarget {
  kind: string;
  /** The status a datasheet takes when none is chosen. */
  firstStatus: { id: string; key: string } | undefined;
  statuses: Map<string, { id: string; key: string }>;
  fields: FieldWithOptions[];
}

/**
 * SPEC §3.1: a new datasheet of the automatic module comes in by an Entry (an inquiry unless said
 * otherwise) and gets Sales status In progress — unless it came as a subscriber or from a list,
 * when it starts as a marketing contact. Values the input gave are kept.
 */
function automaticDefaults(fieldList: FieldWithOptions[], given: { field: FieldWithOptions; value: FieldValue }[]) {
  const valueOf = (key: string) => given.find((v) => v.field.key === key)?.value;
  const fieldOf = (key: string) => fieldList.find((f) => f.key === key && f.isSystem);
  const defaults: { field: FieldWithOptions; value: FieldValue }[] = [];
  const entryField = fieldOf("entry");
  const entry = (valueOf("entry") as Entry | undefined) ?? "inquiry";
  if (entryField && valueOf("entry") === undefined) defaults.push({ field: entryField, value: entry });
  const salesField = fieldOf("sales_status");
  const sales = initialSalesStatus(entry);
  if (salesField && valueOf("sales_status") === undefined && sales) defaults.push({ field: salesField, value: sales });
  return defaults;
}

/** An error of row `index` of a batch: its fields keep their names, prefixed with the row in a batch of several. */
function rowError(index: number, size: number, fieldErrors: Record<string, string>): ValidationError {
  if (size === 1) return new ValidationError(fieldErrors);
  return new ValidationError(Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [`${index}.${k}`, v])));
}

/**
 * The modules the placements name, with their statuses and fields, in three statements. Modules
 * and statuses are read `for share`: removing one meanwhile waits for this transaction.
 */
async function loadTargets(tx: Tx, actor: Actor, moduleIds: string[]): Promise<Map<string, ModuleTarget>> {
  const ids = moduleIds.filter(isUuid);
  const targets = new Map<string, ModuleTarget>();
  if (!ids.length) return targets;
  const moduleRows = await tx
    .select({ id: modules.id, kind: modules.kind })
    .from(modules)
    .where(and(inArray(modules.id, ids), eq(modules.workspaceId, actor.workspaceId), isNull(modules.archivedAt)))
    .for("share");
  if (!moduleRows.length) return targets;
  const statusRows = await tx
    .select({ id: statuses.id, key: statuses.key, moduleId: statuses.moduleId })
    .from(statuses)
    .innerJoin(statusGroups, eq(statusGroups.id, statuses.groupId))
    .where(inArray(statuses.moduleId, moduleRows.map((m) => m.id)))
    .orderBy(statusGroups.position, statusGroups.id, statuses.position, statuses.id)
    .for("share", { of: statuses });
  for (const row of moduleRows) {
    const own = statusRows.filter((s) => s.moduleId === row.id).map(({ id, key }) => ({ id, key }));
    const isAutomatic = row.kind === "sales_auto";
    targets.set(row.id, {
      kind: row.kind,
      firstStatus: isAutomatic ? own.find((s) => s.key === AUTOMATIC_FIRST_STATUS) : own[0],
      statuses: new Map(own.map((s) => [s.id, s])),
      fields: await moduleFields(tx, row.id, { lock: true }),
    });
  }
  return targets;
}

/**
 * Datasheets for existing businesses: each placement checked (module, status, responsible user,
 * field values — every error names its field, and its row in a batch), then handed to the commit
 * point, which inserts them set-based with their facts and values: the first status change of
 * each, its `datasheet/created` event, version 1.
 */
async function insertDatasheets(tx: Tx, actor: Actor, placements: readonly Placement[], now: Date): Promise<string[]> {
  const targets = await loadTargets(tx, actor, [...new Set(placements.map((p) => p.moduleId))]);
  // One lookup for every user the batch names: responsible users and user fields.
  const named = placements.flatMap((p) => [p.responsibleUserId, ...Object.values(p.fields ?? {})].filter((v): v is string => typeof v === "string" && isUuid(v)));
  const members = await activeMembers(tx, actor, named);

  const rows = placements.map((p, index) => {
    const fail = (errors: Record<string, string>) => rowError(index, placements.length, errors);
    const target = targets.get(p.moduleId);
    if (!target) throw fail({ moduleId: "moduleInvalid" });
    if (target.kind === "sales_auto" && p.statusId) throw fail({ statusId: "statusAutomatic" });
    const status = p.statusId ? target.statuses.get(p.statusId) : target.firstStatus;
    if (!status) throw fail({ statusId: "statusInvalid" });
    const problem = responsibleProblem(actor, p.responsibleUserId, members);
    if (problem) throw fail({ responsibleUserId: problem });
    const values: { field: FieldWithOptions; value: FieldValue }[] = [];
    const errors: Record<string, string> = {};
    for (const [key, raw] of Object.entries(p.fields ?? {})) {
      const field = target.fields.find((f) => f.key === key);
      if (!field) {
        errors[`fields.${key}`] = "fieldUnknown";
        continue;
      }
      // Required fields are asked for where they are edited; a new client may still lack them.
      const parsed = parseFieldValue({ ...field, isRequired: false }, raw);
      if (!parsed.ok) errors[`fields.${key}`] = parsed.error;
      else if (field.type === "user" && typeof parsed.value === "string" && !members.has(parsed.value)) errors[`fields.${key}`] = "userInvalid";
      else if (parsed.value !== null) values.push({ field, value: parsed.value });
    }
    if (Object.keys(errors).length) throw fail(errors);
    if (target.kind === "sales_auto") values.push(...automaticDefaults(target.fields, values));
    return { id: randomUUID(), placement: p, status, values };
  });

  const statusMoves: StatusMove[] = rows.map((r) => ({
    datasheetId: r.id,
    moduleId: r.placement.moduleId,
    from: null,
    to: r.status,
    reason: "created",
    at: r.placement.createdAt,
  }));
  const events = rows.map((r) =>
    datasheetCreated.create({
      workspaceId: actor.workspaceId,
      moduleId: r.placement.moduleId,
      datasheetId: r.id,
      actorUserId: actor.userId,
      businessId: r.placement.businessId,
      statusId: r.status.id,
    }),
  );
  const create = rows.map((r): NewDatasheet => {
    const values = r.values.flatMap(({ field, value }) => toStoredValues(field.type, value).map((stored) => ({ ...stored, fieldId: field.id })));
    const system: NewDatasheet["system"] = {};
    for (const { field, value } of r.values) {
      if (field.isSystem && (field.key === "sales_status" || field.key === "qualification" || field.key === "entry") && typeof value === "string")
        system[field.key] = value;
    }
    return {
      id: r.id,
      moduleId: r.placement.moduleId,
      businessId: r.placement.businessId,
      status: r.status,
      responsibleUserId: r.placement.responsibleUserId,
      createdAt: r.placement.createdAt ?? now,
      createdVia: createdVia(actor),
      values,
      system,
    };
  });
  await commitDatasheets(tx, actor, { ids: [], create, events, statusMoves }, now);
  return rows.map((r) => r.id);
}

/** How a datasheet came to be, for the reports (issue 15): an API key's user, a user in the app, or the system's reason. */
function createdVia(actor: Actor): string {
  if (isSystem(actor)) return actor.reason;
  return "keyId" in actor ? "api" : "app";
}

/**
 * New clients, any number at once — New client, the API, an import batch, the demo and the data
 * generator all come here: each a business (company or person), its contact persons and its first
 * datasheet in a module, status and responsible user, with field values. Set-based: a handful of
 * statements for the whole batch, in the caller's transaction (a savepoint) or its own. Every role
 * may create clients; a restricted user only for themselves or for nobody.
 */
export async function createClients(
  conn: Conn,
  actor: Actor,
  rows: readonly NewClientRow[],
  now = new Date(),
): Promise<{ datasheetId: string; businessId: string }[]> {
  if (!rows.length) return [];
  return conn.transaction(async (tx) => {
    const made = rows.map((row) => ({ id: randomUUID(), row }));
    await tx.execute(sql`
      insert into ${businesses} (id, workspace_id, kind, name, email, phone, tax_number, website, country, postal_code, city, street, notes,
        newsletter_consent_at, search_text, updated_by_user_id, created_at, updated_at)
      select b.id, ${actor.workspaceId}, b.kind::business_kind, b.name, b.email, b.phone, b.tax_number, b.website, b.country, b.postal_code, b.city, b.street,
        coalesce(b.notes, ''), b.newsletter_consent_at, b.search_text, ${actor.userId}::uuid, coalesce(b.created_at, ${now}), coalesce(b.created_at, ${now})
      from jsonb_to_recordset(${jsonRows(
        made.map(({ id, row }) => ({
          id,
          ...businessColumns(row.business),
          search_text: buildSearchText(row.business, row.contacts),
          created_at: row.createdAt?.toISOString() ?? null,
        })),
      )}) as b(id uuid, kind text, name text, email text, phone text, tax_number text, website text, country text, postal_code text, city text,
        street text, notes text, newsletter_consent_at timestamptz, search_text text, created_at timestamptz)`);
    const people = made.flatMap(({ id, row }) => row.contacts.map((c: ContactInput) => ({ ...c, business_id: id }))).map((c, n) => ({ ...c, n }));
    if (people.length) {
      await tx.execute(sql`
        insert into ${contacts} (workspace_id, business_id, name, position, email, phone, created_at)
        select ${actor.workspaceId}, c.business_id, c.name, c.position, c.email, c.phone, now() + c.n * interval '1 microsecond'
        from jsonb_to_recordset(${jsonRows(people)}) as c(business_id uuid, name text, position text, email text, phone text, n int)`);
      // Each a microsecond after the one before: contacts list in the order they were given (by creation time).
    }
    const datasheetIds = await insertDatasheets(
      tx,
      actor,
      made.map(({ id, row }) => ({
        businessId: id,
        businessName: row.business.name,
        moduleId: row.moduleId,
        statusId: row.statusId,
        responsibleUserId: row.responsibleUserId,
        fields: row.fields,
        createdAt: row.createdAt,
      })),
      now,
    );
    return made.map(({ id }, i) => ({ businessId: id, datasheetId: datasheetIds[i]! }));
  });
}

function businessColumns(business: NewBusiness) {
  const { kind, name, email, phone, taxNumber, website, country, postalCode, city, street, notes, newsletterConsentAt } = business;
  return { kind, name, email, phone, tax_number: taxNumber, website, country, postal_code: postalCode, city, street, notes, newsletter_consent_at: newsletterConsentAt?.toISOString() ?? null };
}

/** One new client (the New client dialog). */
export async function createClient(conn: Conn, actor: Actor, input: NewClientRow): Promise<{ datasheetId: string; businessId: string }> {
  const [created] = await createClients(conn, actor, [input]);
  return created!;
}

/** "Add to another module": a datasheet of the same business in a module where it has none yet. */
export async function addDatasheetToModule(conn: Conn, actor: Actor, input: AddToModuleInput): Promise<{ datasheetId: string }> {
  return conn.transaction(async (tx) => {
    const source = await getVisibleDatasheet(tx, actor, input.datasheetId);
    // The business row is locked: two adds to the same module at once make one datasheet.
    const [business] = (await tx.select().from(businesses).where(eq(businesses.id, source.businessId)).for("update")) as Business[];
    if (!isUuid(input.moduleId)) throw new ValidationError({ moduleId: "moduleInvalid" });
    const [existing] = await tx
      .select({ id: datasheets.id })
      .from(datasheets)
      .where(and(eq(datasheets.businessId, source.businessId), eq(datasheets.moduleId, input.moduleId), isNull(datasheets.deletedAt)))
      .limit(1);
    if (existing) throw new DomainError("alreadyInModule");
    const [datasheetId] = await insertDatasheets(
      tx,
      actor,
      [{ businessId: business!.id, businessName: business!.name, moduleId: input.moduleId, statusId: input.statusId, responsibleUserId: input.responsibleUserId }],
      new Date(),
    );
    return { datasheetId: datasheetId! };
  });
}
