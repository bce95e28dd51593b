import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Conn, Tx } from "@/db/client";
import { businesses, contacts, datasheets, modules, statuses, type Contact, type Datasheet, type ModuleKind } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { addContact, removeContact, updateBusiness, updateContact } from "@/lib/businesses/mutations";
import type { ContactInput, NewBusinessInput } from "@/lib/businesses/schemas";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import type { Entry, Qualification, SalesStatus } from "@/lib/statuses/derive";
import { getVisibleDatasheet } from "./access";
import { changeDatasheetResponsible, changeDatasheetStatus } from "./assignment";
import { createClient } from "./create";
import { updateDatasheetFields } from "./field-values";
import type { NewClientInput } from "./schemas";
import { trashDatasheet } from "./trash";
import { assertVersion } from "./version";

/*
 * A datasheet as a whole — its business, contact persons, responsible user, status, the automatic
 * module's facts and its custom fields — created or changed in one call, as the REST API takes it.
 * Nothing here writes on its own: each part goes through the service that owns it (New client, the
 * company form, the contact dialog, the responsible and status pickers, the field editor), nested
 * in one transaction, so a refusal of any part changes nothing.
 */

/** SPEC §3: the automatic sales module's facts, each one of its system fields. */
export interface DatasheetFacts {
  salesStatus?: SalesStatus | null;
  qualification?: Qualification | null;
  entry?: Entry;
}

const factFieldKeys = { salesStatus: "sales_status", qualification: "qualification", entry: "entry" } as const;
type FactName = keyof typeof factFieldKeys;
const factNames = Object.keys(factFieldKeys) as FactName[];
const isFactField = (key: string) => Object.values<string>(factFieldKeys).includes(key);

/** A module of the actor's workspace: its kind, or null when there is none by that id. */
async function moduleKindOf(tx: Tx, actor: Actor, moduleId: string): Promise<ModuleKind | null> {
  if (!isUuid(moduleId)) return null;
  const [row] = await tx
    .select({ kind: modules.kind })
    .from(modules)
    .where(and(eq(modules.id, moduleId), eq(modules.workspaceId, actor.workspaceId)));
  return row?.kind ?? null;
}

/**
 * The field values to write: the custom fields given, and the facts as the automatic module's system
 * fields. Facts belong to that module only; there the system fields are set as facts, not by key.
 */
function valuesToWrite(kind: ModuleKind | null, facts: DatasheetFacts, custom: Record<string, unknown> = {}): Record<string, unknown> {
  const given = factNames.filter((name) => facts[name] !== undefined);
  if (kind !== "sales_auto") {
    if (given.length) throw new ValidationError(Object.fromEntries(given.map((name) => [name, "automaticOnly"])));
    return custom;
  }
  const named = Object.keys(custom).filter(isFactField);
  if (named.length) throw new ValidationError(Object.fromEntries(named.map((key) => [`fields.${key}`, "factField"])));
  return { ...custom, ...Object.fromEntries(given.map((name) => [factFieldKeys[name], facts[name]])) };
}

/** The services' field names for what the caller named otherwise: the facts (`fields.sales_status` → `salesStatus`) in the automatic module. */
function callerNames(kind: ModuleKind | null, others: Record<string, string> = {}): Map<string, string> {
  const facts = kind === "sales_auto" ? factNames.map((name) => [`fields.${factFieldKeys[name]}`, name] as const) : [];
  return new Map([...facts, ...Object.entries(others)]);
}

/** Runs the services, their field errors named as the caller named the fields. */
async function namingFields<T>(names: Map<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(Object.fromEntries(Object.entries(error.fieldErrors).map(([field, code]) => [names.get(field) ?? field, code])));
  }
}

export type NewDatasheetInput = NewClientInput & DatasheetFacts;

/**
 * New client with the automatic module's facts: in that module it is the "new inquiry" of SPEC §3
 * (Entry `inquiry` unless given, Sales status from it), its status the rule's at once.
 */
export async function createDatasheet(conn: Conn, actor: Actor, input: NewDatasheetInput): Promise<{ datasheetId: string; businessId: string }> {
  return conn.transaction(async (tx) => {
    const { salesStatus, qualification, entry, fields, ...client } = input;
    const kind = await moduleKindOf(tx, actor, input.moduleId);
    // An unknown module is New client's own error (moduleId), named by the service.
    const values = kind ? valuesToWrite(kind, { salesStatus, qualification, entry }, fields) : fields;
    return namingFields(callerNames(kind), () => createClient(tx, actor, { ...client, fields: values }));
  });
}

export interface UpdateDatasheetInput extends DatasheetFacts {
  datasheetId: string;
  /** The version the change was made on; absent: no check. */
  version?: number;
  /** The business's data to change; absent keys are left as they are. */
  business?: Partial<NewBusinessInput>;
  /** The contact persons as they are to be (see replaceContacts). */
  contacts?: ContactInput[];
  /** Null: nobody; absent: unchanged. */
  responsibleUserId?: string | null;
  /** Manual modules only; absent or null: unchanged. */
  statusId?: string | null;
  fields?: Record<string, unknown>;
}

async function versionOf(tx: Tx, datasheetId: string): Promise<number> {
  const [row] = await tx.select({ version: datasheets.version }).from(datasheets).where(eq(datasheets.id, datasheetId));
  if (!row) throw new NotFoundError();
  return row.version;
}

/** A status of the datasheet's manual module, else the field's error. */
async function assertStatusOfModule(tx: Tx, kind: ModuleKind | null, datasheet: Datasheet, statusId: string): Promise<void> {
  if (kind === "sales_auto") throw new ValidationError({ statusId: "statusAutomatic" });
  const [status] = isUuid(statusId)
    ? await tx
        .select({ id: statuses.id })
        .from(statuses)
        .where(and(eq(statuses.id, statusId), eq(statuses.moduleId, datasheet.moduleId)))
    : [];
  if (!status) throw new ValidationError({ statusId: "statusInvalid" });
}

/** The company form with only the given data changed (the business is locked by the caller). */
async function changeBusiness(tx: Tx, actor: Actor, datasheet: Datasheet, patch: Partial<NewBusinessInput>): Promise<void> {
  const [business] = await tx
    .select()
    .from(businesses)
    .where(and(eq(businesses.id, datasheet.businessId), eq(businesses.workspaceId, actor.workspaceId)));
  if (!business) throw new NotFoundError();
  const { kind, name, taxNumber, email, phone, website, country, postalCode, city, street, notes } = business;
  const current = { kind, name, taxNumber, email, phone, website, country, postalCode, city, street, notes };
  if (Object.entries(patch).every(([key, value]) => current[key as keyof typeof current] === value)) return;
  await updateBusiness(tx, actor, datasheet.id, business.version, { ...current, ...patch });
}

const sameText = (a: string | null, b: string | null) => (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

/**
 * The contact persons become the given list: a person given with an email address is the stored
 * one with that address, one without is the stored one of that name (who keeps their newsletter
 * consent unless it is said); the others are added, and stored persons not given are removed.
 */
async function replaceContacts(tx: Tx, actor: Actor, datasheet: Datasheet, given: readonly ContactInput[]): Promise<void> {
  const left: Contact[] = await tx
    .select()
    .from(contacts)
    .where(eq(contacts.businessId, datasheet.businessId))
    .orderBy(asc(contacts.createdAt), asc(contacts.id));
  for (const person of given) {
    const index = left.findIndex((c) => (person.email ? sameText(c.email, person.email) : !c.email && sameText(c.name, person.name)));
    if (index < 0) {
      await addContact(tx, actor, datasheet.id, person);
      continue;
    }
    const [stored] = left.splice(index, 1);
    const unchanged =
      person.newsletterConsent === undefined &&
      stored!.name === person.name &&
      stored!.email === person.email &&
      stored!.phone === person.phone &&
      stored!.position === person.position;
    if (!unchanged) await updateContact(tx, actor, datasheet.id, stored!.id, person);
  }
  for (const stored of left) await removeContact(tx, actor, datasheet.id, stored.id);
}

/**
 * Changes a datasheet as a whole: the parts given, each through its own service, on the version
 * the caller saw (when it names one). In the automatic module the status is the rule's and follows
 * the facts; choosing one is refused.
 */
export async function updateDatasheet(conn: Conn, actor: Actor, input: UpdateDatasheetInput): Promise<void> {
  await conn.transaction(async (tx) => {
    const seen = await getVisibleDatasheet(tx, actor, input.datasheetId);
    // The business first, then the datasheet: the order the company form's services lock in.
    if (input.business || input.contacts) {
      await tx.select({ id: businesses.id }).from(businesses).where(eq(businesses.id, seen.businessId)).for("update");
    }
    const datasheet = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
    if (input.version !== undefined) await assertVersion(tx, datasheet, input.version, () => ({ version: datasheet.version }));
    const kind = await moduleKindOf(tx, actor, datasheet.moduleId);
    if (input.statusId) await assertStatusOfModule(tx, kind, datasheet, input.statusId);
    const values = valuesToWrite(kind, input, input.fields);

    // The responsible picker's service names its field `userId`.
    await namingFields(callerNames(kind, { userId: "responsibleUserId" }), async () => {
      if (input.business) await changeBusiness(tx, actor, datasheet, input.business);
      if (input.contacts) await replaceContacts(tx, actor, datasheet, input.contacts);
      if (input.responsibleUserId !== undefined) {
        await changeDatasheetResponsible(tx, actor, { datasheetId: datasheet.id, userId: input.responsibleUserId, version: await versionOf(tx, datasheet.id) });
      }
      if (Object.keys(values).length) {
        await updateDatasheetFields(tx, actor, { datasheetId: datasheet.id, version: await versionOf(tx, datasheet.id), fields: values });
      }
      if (input.statusId) {
        await changeDatasheetStatus(tx, actor, { datasheetId: datasheet.id, statusId: input.statusId, version: await versionOf(tx, datasheet.id) });
      }
    });
  });
}

/** Moves a datasheet to the trash on the version the caller saw, or on the current one when it names none. */
export async function trashDatasheetAt(conn: Conn, actor: Actor, datasheetId: string, version?: number): Promise<void> {
  await conn.transaction(async (tx) => {
    const datasheet = await getVisibleDatasheet(tx, actor, datasheetId, { lock: true });
    await trashDatasheet(tx, actor, { datasheetId, version: version ?? datasheet.version });
  });
}
