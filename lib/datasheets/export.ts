import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { businesses, contacts, fieldOptions, fields, statuses, users, workspaces, type FieldType } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { FieldValue } from "@/lib/fields/values";
import { localDateOf, localDateText, localDateTimeText } from "@/lib/time/zoned";
import { formatName, type Locale } from "@/lib/users/names";
import type { ListFilter, ListSort } from "@/lib/views/filter";
import { csvBom, csvRow, type CsvSeparator } from "./export-csv";
import { enrichPage, loadListScope, queryListPage, type ListRow } from "./list-query";

/** Rows per keyset read: big enough to be quick, small enough to keep memory flat. */
const batchSize = 1000;

/** The header row's words besides field labels, in the reader's language. */
export const exportHeadingKeys = [
  "name",
  "taxNumber",
  "email",
  "phone",
  "website",
  "postalCode",
  "city",
  "street",
  "country",
  "contacts",
  "contactEmails",
  "contactPhones",
  "status",
  "responsible",
  "nextTodo",
  "nextTodoDue",
  "lastContact",
  "created",
] as const;
export type ExportHeading = (typeof exportHeadingKeys)[number];

export interface ExportRequest {
  filter: ListFilter;
  sort: ListSort;
  /**
   * "all": every column of the module — the business's details, its contacts, status, responsible,
   * every custom field, next todo, last contact, created. Otherwise the list's columns as the user
   * shows them (`status`, `field:<key>`…). The business name always comes first.
   */
  columns: "all" | string[];
  /** The reader's language: the header row, names, numbers (decimal comma and ";" in Hungarian). */
  locale: Locale;
  headings: Record<ExportHeading, string>;
  /** A ticked and an unticked checkbox. */
  yes: string;
  no: string;
}

interface ExportField {
  id: string;
  key: string;
  label: string;
  type: FieldType;
  options: Map<string, string>;
}

interface BusinessDetails {
  taxNumber: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  postalCode: string | null;
  city: string | null;
  street: string | null;
  country: string | null;
  contacts: { name: string; email: string | null; phone: string | null }[];
}

type Row = ListRow & { business: BusinessDetails | undefined };

interface Column {
  heading: string;
  cell: (row: Row) => string;
}

/** Several values in one cell (contacts, a multi select), as mail programs take a list of addresses. */
const joinList = (values: readonly (string | null)[]) => values.filter((v): v is string => Boolean(v)).join("; ");

async function loadFields(db: Db, workspaceId: string, moduleId: string): Promise<ExportField[]> {
  const rows = await db
    .select({ id: fields.id, key: fields.key, label: fields.label, type: fields.type })
    .from(fields)
    .where(and(eq(fields.moduleId, moduleId), eq(fields.workspaceId, workspaceId), isNull(fields.archivedAt)))
    .orderBy(asc(fields.position), asc(fields.id));
  const options = rows.length
    ? await db
        .select({ fieldId: fieldOptions.fieldId, key: fieldOptions.key, label: fieldOptions.label })
        .from(fieldOptions)
        .where(
          inArray(
            fieldOptions.fieldId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({ ...r, options: new Map(options.filter((o) => o.fieldId === r.id).map((o) => [o.key, o.label])) }));
}

/** The businesses' details and contacts of one batch, by business id (only for "all columns"). */
async function loadBusinesses(db: Db, workspaceId: string, businessIds: string[]): Promise<Map<string, BusinessDetails>> {
  if (businessIds.length === 0) return new Map();
  const [rows, people] = await Promise.all([
    db
      .select({
        id: businesses.id,
        taxNumber: businesses.taxNumber,
        email: businesses.email,
        phone: businesses.phone,
        website: businesses.website,
        postalCode: businesses.postalCode,
        city: businesses.city,
        street: businesses.street,
        country: businesses.country,
      })
      .from(businesses)
      .where(and(inArray(businesses.id, businessIds), eq(businesses.workspaceId, workspaceId))),
    db
      .select({ businessId: contacts.businessId, name: contacts.name, email: contacts.email, phone: contacts.phone })
      .from(contacts)
      .where(and(inArray(contacts.businessId, businessIds), eq(contacts.workspaceId, workspaceId)))
      .orderBy(asc(contacts.createdAt), asc(contacts.id)),
  ]);
  const details = new Map<string, BusinessDetails>(rows.map(({ id, ...rest }) => [id, { ...rest, contacts: [] }]));
  for (const { businessId, ...person } of people) details.get(businessId)?.contacts.push(person);
  return details;
}

export interface CsvExport {
  /** `sales-pipeline-2026-12-02.csv`: the module's name without accents or spaces, and the workspace's date. */
  fileName: string;
  lines: AsyncIterable<string>;
}

/** A file name every system takes as it is: ASCII letters, digits and hyphens. */
export function exportFileName(moduleName: string, day: string): string {
  const slug = moduleName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "clients"}-${day}.csv`;
}

/**
 * The current filter of the list as CSV (admins and managers: `data.export`), streamed in keyset
 * batches with the same visibility, filter and order as the list. Times are on the workspace's wall
 * clock ("2026-12-02 15:20"), choices by their labels, users by name. Checked before the first
 * byte, so a refused export is an error response, not a half-written file.
 */
export async function exportDatasheets(actor: Actor, moduleId: string, request: ExportRequest): Promise<CsvExport> {
  assertCan(actor, "data.export");
  const db = await getDb();
  const scope = await loadListScope(db, actor, moduleId);
  const [statusRows, moduleFields, team, [workspace]] = await Promise.all([
    db.select({ id: statuses.id, name: statuses.name }).from(statuses).where(eq(statuses.moduleId, moduleId)),
    loadFields(db, actor.workspaceId, moduleId),
    db.select({ id: users.id, familyName: users.familyName, givenName: users.givenName }).from(users).where(eq(users.workspaceId, actor.workspaceId)),
    db.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)),
  ]);
  const timeZone = workspace!.timeZone;
  const separator: CsvSeparator = request.locale === "hu" ? ";" : ",";
  const decimal = (text: string) => (request.locale === "hu" ? text.replace(".", ",") : text);
  const statusName = new Map(statusRows.map((s) => [s.id, s.name]));
  const userName = new Map(team.map((u) => [u.id, formatName(u, request.locale)]));
  const time = (d: Date | null) => (d ? localDateTimeText(d, timeZone) : "");
  const h = request.headings;

  function fieldText(field: ExportField, value: FieldValue | null): string {
    if (value === null) return "";
    switch (field.type) {
      case "single_select":
        return field.options.get(String(value)) ?? String(value);
      case "multi_select":
        return joinList((value as string[]).map((key) => field.options.get(key) ?? key));
      case "checkbox":
        return value ? request.yes : request.no;
      case "datetime":
        return time(new Date(String(value)));
      case "user":
        return userName.get(String(value)) ?? "";
      case "number":
        return decimal(String(value));
      case "money": {
        const money = value as { amount: string; currency: string };
        return `${decimal(money.amount)} ${money.currency}`;
      }
      default:
        return String(value);
    }
  }

  const fieldColumn = (field: ExportField): Column => ({ heading: field.label, cell: (row) => fieldText(field, row.fields[field.key] ?? null) });
  const builtIn: Record<string, Column[]> = {
    status: [{ heading: h.status, cell: (row) => statusName.get(row.statusId) ?? "" }],
    responsible: [{ heading: h.responsible, cell: (row) => (row.responsible ? formatName(row.responsible, request.locale) : "") }],
    nextTodo: [
      { heading: h.nextTodo, cell: (row) => row.nextTodo?.text ?? "" },
      { heading: h.nextTodoDue, cell: (row) => time(row.nextTodo?.dueAt ?? null) },
    ],
    lastContact: [{ heading: h.lastContact, cell: (row) => time(row.lastContactAt) }],
    created: [{ heading: h.created, cell: (row) => time(row.createdAt) }],
  };
  const detail = (key: Exclude<keyof BusinessDetails, "contacts">): Column => ({ heading: h[key], cell: (row) => row.business?.[key] ?? "" });
  const visible = request.columns === "all" ? null : request.columns;
  const everything = visible === null;
  const fieldOf = (column: string) => moduleFields.filter((f) => column === `field:${f.key}`);
  const chosenFields = visible ? visible.flatMap(fieldOf) : moduleFields;
  const columns: Column[] = [
    { heading: h.name, cell: (row) => row.businessName },
    ...(everything
      ? [
          ...(["taxNumber", "email", "phone", "website", "postalCode", "city", "street", "country"] as const).map(detail),
          { heading: h.contacts, cell: (row: Row) => joinList(row.business?.contacts.map((c) => c.name) ?? []) },
          { heading: h.contactEmails, cell: (row: Row) => joinList(row.business?.contacts.map((c) => c.email) ?? []) },
          { heading: h.contactPhones, cell: (row: Row) => joinList(row.business?.contacts.map((c) => c.phone) ?? []) },
          ...builtIn.status!,
          ...builtIn.responsible!,
          ...moduleFields.map(fieldColumn),
          ...builtIn.nextTodo!,
          ...builtIn.lastContact!,
          ...builtIn.created!,
        ]
      : visible.flatMap((c) => builtIn[c] ?? fieldOf(c).map(fieldColumn))),
  ];
  const fieldKeys = chosenFields.map((f) => f.key);

  const lines = (async function* () {
    yield (
      csvBom +
      csvRow(
        columns.map((c) => c.heading),
        separator,
      )
    );
    let cursor: string | null = null;
    do {
      const page = await queryListPage(db, actor, scope, { filter: request.filter, sort: request.sort, cursor, limit: batchSize });
      const [rows, details] = await Promise.all([
        enrichPage(db, actor, scope, page.rows, fieldKeys),
        everything ? loadBusinesses(db, actor.workspaceId, [...new Set(page.rows.map((r) => r.businessId))]) : new Map<string, BusinessDetails>(),
      ]);
      const businessOf = new Map(page.rows.map((r) => [r.id, r.businessId]));
      let chunk = "";
      for (const row of rows) {
        const full: Row = { ...row, business: details.get(businessOf.get(row.id)!) };
        chunk += csvRow(
          columns.map((c) => c.cell(full)),
          separator,
        );
      }
      yield chunk;
      cursor = page.nextCursor;
    } while (cursor);
  })();
  return { fileName: exportFileName(scope.module.name, localDateText(localDateOf(new Date(), timeZone))), lines };
}
