import "server-only";
import { z } from "zod";
import { contactSchema, newBusinessSchema } from "@/lib/businesses/schemas";
import { maxListPageSize } from "@/lib/datasheets/list-query";
import { getDatasheetRecord, isListCursor, listDatasheetRecords, listStatusChanges, type DatasheetRecord } from "@/lib/datasheets/records";
import { fieldValuesSchema, maxNewContacts, newClientSchema } from "@/lib/datasheets/schemas";
import { createDatasheet, trashDatasheetAt, updateDatasheet } from "@/lib/datasheets/whole";
import { formVersion } from "@/lib/forms/schema-parts";
import { entries, qualifications, salesStatuses } from "@/lib/statuses/derive";
import { listFilterSchema } from "@/lib/views/filter";
import { defineEndpoint } from "../http";

/*
 * Datasheets (SPEC §7): a client's card in a module, read and written whole. The bodies are New
 * client's own schema parts made strict (an unknown field — `workspaceId` too — is refused, never
 * ignored), the writes go through the one write path (lib/datasheets/whole.ts), the reads through
 * the list's query and the one visibility rule (lib/datasheets/records.ts).
 */

const tag = "Datasheets";
const auth = '-H "Authorization: Bearer $CRM_KEY"';

// ---- Answers

const time = z.iso.datetime({ offset: true });
const money = z.object({ amount: z.string(), currency: z.string() });
const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), money, z.null()]);

export const apiDatasheetSchema = z.object({
  id: z.uuid(),
  moduleId: z.uuid(),
  business: z.object({
    id: z.uuid(),
    kind: z.enum(["company", "person"]),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    taxNumber: z.string().nullable(),
  }),
  contacts: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), position: z.string().nullable() })),
  status: z.object({
    id: z.uuid(),
    key: z.string().describe("Stable: `awaiting_processing`, `in_progress`… in the automatic sales module."),
    name: z.string(),
    group: z.string().describe("The group's key: `marketing`, `sales`, `customers`, `non_customers` in the automatic sales module."),
  }),
  statusReason: z
    .string()
    .nullable()
    .describe("Why it is in its status: the rule that fired in the automatic sales module (`new_inquiry`, `todo_open`…), else `created` or `manual`."),
  salesStatus: z.enum(salesStatuses).nullable().describe("Automatic sales module only (else null); null there: a marketing contact."),
  qualification: z.enum(qualifications).nullable(),
  entry: z.enum(entries).nullable(),
  responsibleUserId: z.uuid().nullable(),
  fields: z
    .record(z.string(), fieldValue)
    .describe("Every custom field of the module by key (null: empty); money is `{ amount, currency }`, dates `YYYY-MM-DD`, select fields option keys."),
  version: z.number().int().describe("Send it back with a PATCH to refuse a change made on an older version (409)."),
  createdAt: time,
  updatedAt: time,
});
export type ApiDatasheet = z.infer<typeof apiDatasheetSchema>;

export function datasheetJson(record: DatasheetRecord): ApiDatasheet {
  return { ...record, createdAt: record.createdAt.toISOString(), updatedAt: record.updatedAt.toISOString() } as ApiDatasheet;
}

// ---- Bodies: New client's parts, strict at every level

// SPEC §7's contact person; newsletter consent is given in the app, where its time is kept.
const contactBody = z.strictObject(contactSchema.shape).omit({ newsletterConsent: true });
const contactsBody = z.array(contactBody).max(maxNewContacts, "tooMany");

/** SPEC §3: the automatic sales module's facts, which its status follows. */
const factsBody = {
  salesStatus: z.enum(salesStatuses, "optionInvalid").nullish().describe("Automatic sales module only. Absent on create: `in_progress` for an inquiry."),
  qualification: z.enum(qualifications, "optionInvalid").nullish().describe("Automatic sales module only."),
  entry: z.enum(entries, "optionInvalid").optional().describe("Automatic sales module only. Absent on create: `inquiry`."),
};

const createBody = z.strictObject({
  moduleId: newClientSchema.shape.moduleId,
  business: z.strictObject(newBusinessSchema.shape),
  contacts: contactsBody.default([]),
  responsibleUserId: newClientSchema.shape.responsibleUserId.describe("Absent or null: nobody. A restricted user's key: only its own user."),
  statusId: newClientSchema.shape.statusId.describe("Manual modules only (absent: the module's first status); refused in the automatic sales module."),
  ...factsBody,
  fields: newClientSchema.shape.fields.describe("Custom field values by field key."),
});

const patchBody = z
  .strictObject({
    business: z.strictObject({ ...newBusinessSchema.shape, kind: newBusinessSchema.shape.kind.unwrap() }).partial(),
    contacts: contactsBody.describe(
      "The contact persons as they are to be: one given with an email is the stored one of that address (else of that name); others are added, those not given removed.",
    ),
    responsibleUserId: newClientSchema.shape.responsibleUserId.describe("Null: nobody."),
    statusId: newClientSchema.shape.statusId.describe("Manual modules only: refused in the automatic sales module, where the status follows the facts."),
    ...factsBody,
    fields: fieldValuesSchema.describe("Custom field values by key; null clears one."),
    version: formVersion.describe("The version the change was made on: an older one than the stored version is refused (409)."),
  })
  .partial();

// ---- Paths and queries

const idParams = z.object({ id: z.string().describe("The datasheet's id.") });

/** A query parameter of comma-separated values, parsed as the list's filter takes them. */
const commaList = <T extends z.ZodType<unknown, string[]>>(schema: T, description: string) =>
  z
    .string()
    .trim()
    .transform((text) =>
      text
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(schema)
    .optional()
    .describe(description);

const listQuery = z.strictObject({
  moduleId: newClientSchema.shape.moduleId.describe("The module listed (required)."),
  status: commaList(listFilterSchema.shape.statuses.unwrap(), "Status keys, comma-separated."),
  group: commaList(listFilterSchema.shape.groups.unwrap(), "Status group keys, comma-separated."),
  responsibleUserId: commaList(listFilterSchema.shape.responsible.unwrap(), "User ids, comma-separated; `none`: nobody's, `me`: the key's user's."),
  q: listFilterSchema.shape.q.describe("Search in the business's name, tax number, email, phone and its contact persons."),
  cursor: z.string().trim().max(1000).refine(isListCursor, "cursorInvalid").optional().describe("`nextCursor` of the previous page."),
  limit: z.coerce
    .number("numberInvalid")
    .int("numberInvalid")
    .min(1, "numberInvalid")
    .max(maxListPageSize, "numberInvalid")
    .optional()
    .describe(`Rows per page, 1–${maxListPageSize} (default 50).`),
});

const deleteQuery = z.strictObject({
  version: z.coerce
    .number("numberInvalid")
    .int("numberInvalid")
    .min(1, "numberInvalid")
    .optional()
    .describe("Refuse (409) if the datasheet has changed since this version."),
});

// ---- Endpoints

export const createDatasheetEndpoint = defineEndpoint({
  method: "POST",
  path: "/datasheets",
  tag,
  summary: "Create a datasheet (a new client)",
  description:
    "A business, its contact persons and its datasheet in a module, as New client makes them. In the automatic sales module this is a new inquiry: Entry `inquiry` unless given, and the status follows from the rules at once — the answer carries its key, name, group and reason. `statusId` is refused there (400).",
  body: createBody,
  response: { status: 201, schema: apiDatasheetSchema, description: "The new datasheet." },
  example: `curl -s -X POST "$CRM_URL/api/v1/datasheets" ${auth} -H "Content-Type: application/json" \\
  -d '{"moduleId":"<module id>","business":{"name":"Tesztiroda Kft.","email":"info@tesztiroda.hu"},"contacts":[{"name":"Kovács Anna","position":"Office manager"}]}'`,
  handler: async ({ caller, db, body }) =>
    db.transaction(async (tx) => {
      const { datasheetId } = await createDatasheet(tx, caller, body);
      return datasheetJson(await getDatasheetRecord(tx, caller, datasheetId));
    }),
});

export const listDatasheetsEndpoint = defineEndpoint({
  method: "GET",
  path: "/datasheets",
  tag,
  summary: "List a module's datasheets",
  description:
    "The datasheets of a module the key's user may see (a restricted user: their own and unassigned ones), newest first, filtered as the client list filters. Page on with `cursor` = the answer's `nextCursor` until it is null.",
  query: listQuery,
  response: { status: 200, schema: z.object({ data: z.array(apiDatasheetSchema), nextCursor: z.string().nullable() }), description: "A page of datasheets." },
  example: `curl -s "$CRM_URL/api/v1/datasheets?moduleId=<module id>&group=sales&limit=20" ${auth}`,
  handler: async ({ caller, db, query }) => {
    const { moduleId, status, group, responsibleUserId, q, cursor, limit } = query;
    const page = await listDatasheetRecords(db, caller, moduleId, {
      filter: { statuses: status, groups: group, responsible: responsibleUserId, q },
      cursor,
      limit,
    });
    return { data: page.records.map(datasheetJson), nextCursor: page.nextCursor };
  },
});

export const getDatasheetEndpoint = defineEndpoint({
  method: "GET",
  path: "/datasheets/{id}",
  tag,
  summary: "Read a datasheet",
  params: idParams,
  response: { status: 200, schema: apiDatasheetSchema, description: "The datasheet." },
  example: `curl -s "$CRM_URL/api/v1/datasheets/<id>" ${auth}`,
  handler: async ({ caller, db, params }) => datasheetJson(await getDatasheetRecord(db, caller, params.id)),
});

export const updateDatasheetEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/datasheets/{id}",
  problems: [409],
  tag,
  summary: "Change a datasheet",
  description:
    "Changes the parts given (business data, contact persons, responsible user, status, facts, custom fields) in one transaction; absent parts stay. With `version`, a datasheet changed since is refused (409). In the automatic sales module the status follows the facts: `statusId` is refused (400).",
  params: idParams,
  body: patchBody,
  response: { status: 200, schema: apiDatasheetSchema, description: "The datasheet as changed." },
  example: `curl -s -X PATCH "$CRM_URL/api/v1/datasheets/<id>" ${auth} -H "Content-Type: application/json" \\
  -d '{"version":3,"qualification":"target_group","fields":{"budget":{"amount":"1250000","currency":"HUF"}}}'`,
  handler: async ({ caller, db, params, body }) =>
    db.transaction(async (tx) => {
      await updateDatasheet(tx, caller, { ...body, datasheetId: params.id });
      return datasheetJson(await getDatasheetRecord(tx, caller, params.id));
    }),
});

export const deleteDatasheetEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/datasheets/{id}",
  problems: [409],
  tag,
  summary: "Move a datasheet to the trash",
  description: "From then on it is not found; it can be restored in the app. The business and its other datasheets stay.",
  params: idParams,
  query: deleteQuery,
  response: { status: 204, description: "Moved to the trash." },
  example: `curl -s -X DELETE "$CRM_URL/api/v1/datasheets/<id>" ${auth}`,
  handler: async ({ caller, db, params, query }) => {
    await trashDatasheetAt(db, caller, params.id, query.version);
  },
});

export const listStatusChangesEndpoint = defineEndpoint({
  method: "GET",
  path: "/datasheets/{id}/status-changes",
  tag,
  summary: "A datasheet's status changes",
  description:
    "Every status change, oldest first: from and to (status keys; `from` null at creation), the reason (the rule of the automatic sales module that fired, or `created`, `manual`…), who made it and when.",
  params: idParams,
  response: {
    status: 200,
    schema: z.object({
      data: z.array(
        z.object({
          from: z.string().nullable(),
          to: z.string(),
          reason: z.string(),
          actor: z.union([z.object({ type: z.literal("user"), id: z.uuid() }), z.object({ type: z.literal("system") })]),
          at: time,
        }),
      ),
    }),
    description: "The status changes.",
  },
  example: `curl -s "$CRM_URL/api/v1/datasheets/<id>/status-changes" ${auth}`,
  handler: async ({ caller, db, params }) => ({
    data: (await listStatusChanges(db, caller, params.id)).map((c) => ({ ...c, at: c.at.toISOString() })),
  }),
});
