import "server-only";
import { and, asc, desc, eq, isNull, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  businesses,
  contacts,
  datasheets,
  historyEntries,
  invoices,
  modules,
  statusChanges,
  statuses,
  statusGroups,
  todos,
  type Contact,
  type HistoryKind,
  type Invoice,
  type ModuleKind,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import type { CompanySnapshot } from "@/lib/businesses/mutations";
import { NotFoundError } from "@/lib/errors";
import type { FieldSettings, FieldType } from "@/db/schema/fields";
import type { FieldValue } from "@/lib/fields/values";
import { statusTextColor } from "@/lib/modules/colors";
import { getWorkspaceConfig, type ConfigReader } from "@/lib/workspaces/config";
import { getVisibleDatasheet, visibleDatasheets } from "./access";
import { fieldValuesOf, moduleFields } from "./field-values";

/** How many history entries the page shows at once, newest first. */
export const HISTORY_LIMIT = 200;

export interface Person {
  id: string;
  familyName: string;
  givenName: string;
  isActive: boolean;
  avatarVersion: number | null;
}

export interface PageStatus {
  id: string;
  key: string;
  name: string;
  color: string;
  textColor: "#000000" | "#ffffff";
  groupName: string;
}

export interface PageField {
  id: string;
  key: string;
  label: string;
  type: FieldType;
  helpText: string;
  isRequired: boolean;
  settings: FieldSettings;
  options: { key: string; label: string }[];
  value: FieldValue | null;
  /** One of the automatic module's own fields (Sales status, Qualification, Entry). */
  isSystem: boolean;
}

export interface PageTodo {
  id: string;
  text: string;
  dueAt: Date;
  assigneeUserId: string | null;
  version: number;
}

/** One line of the client history: an entry users or the system wrote, or a status change. */
export interface PageHistoryItem {
  id: string;
  kind: HistoryKind;
  body: string;
  occurredAt: Date;
  authorUserId: string | null;
  todoId: string | null;
  /** A done todo's version, for reopening it. */
  todoVersion?: number;
  /** Kind-specific details, e.g. a responsible change's from/to. */
  data: Record<string, unknown>;
  /** Status changes: the statuses' names now (a removed status: its key). */
  fromStatus?: string | null;
  toStatus?: string;
  reason?: string;
  /** A change the system made: why it acted ("automation", "status_check", "import", …). */
  actorSystem?: string | null;
}

/** One status change, as "why is this here" and the status history show it. */
export interface PageStatusChange {
  id: string;
  /** Null: the datasheet was created in `to`. */
  from: { key: string; name: string } | null;
  to: { key: string; name: string };
  /** The rule of SPEC §3.1 that fired, or "created", "manual", "status_removed". */
  reason: string;
  facts: Record<string, unknown>;
  actorUserId: string | null;
  /** Why the system acted, when it did. */
  actorSystem: string | null;
  at: Date;
}

export interface DatasheetPage {
  datasheet: {
    id: string;
    version: number;
    createdAt: Date;
    lastContactAt: Date | null;
    responsibleUserId: string | null;
  };
  business: CompanySnapshot;
  contacts: Contact[];
  module: { id: string; name: string; kind: ModuleKind; isAutomatic: boolean };
  status: PageStatus;
  /** The module's statuses in board order, for the status picker. */
  statuses: PageStatus[];
  fields: PageField[];
  openTodos: PageTodo[];
  history: PageHistoryItem[];
  invoices: Invoice[];
  /** Its status changes, newest first (the automatic module's "why is this here"). */
  statusChanges: PageStatusChange[];
  /** The automatic module's facts the rule reads, as they are now. */
  salesFacts: { salesStatus: string | null; qualification: string | null; entry: string | null } | null;
  /** The business's other datasheets the actor may see (other modules). */
  otherDatasheets: { id: string; moduleId: string; moduleName: string }[];
  /** Everyone the page names (authors, assignees, the responsible user), inactive ones too. */
  people: Person[];
}

/**
 * Everything the datasheet page shows, for an actor who may see the datasheet (else "not found",
 * the same for a restricted user's colleague's client as for an id that does not exist).
 */
export async function getDatasheetPage(actor: Actor & ConfigReader, datasheetId: string): Promise<DatasheetPage> {
  const db = await getDb();
  const datasheet = await getVisibleDatasheet(db, actor, datasheetId);
  // The team and the module's statuses come from the workspace's configuration (no statement when kept).
  const [[business], [module], fieldList, config] = await Promise.all([
    db
      .select()
      .from(businesses)
      .where(and(eq(businesses.id, datasheet.businessId), eq(businesses.workspaceId, actor.workspaceId))),
    db.select().from(modules).where(eq(modules.id, datasheet.moduleId)),
    moduleFields(db, datasheet.moduleId),
    getWorkspaceConfig(actor),
  ]);
  if (!business || !module) throw new NotFoundError();
  // An archived module's statuses are not kept; nor is a status made after this request's version was read.
  const activeModule = config.modules.find((m) => m.id === module.id && m.statuses.some((s) => s.id === datasheet.statusId));
  const [contactRows, statusRows, values, todoRows, entryRows, changeRows, invoiceRows, others] = await Promise.all([
    db.select().from(contacts).where(eq(contacts.businessId, business.id)).orderBy(asc(contacts.createdAt), asc(contacts.id)),
    activeModule
      ? activeModule.statuses.map(({ id, key, name, color, groupName }) => ({ id, key, name, color, groupName }))
      : db
          .select({ id: statuses.id, key: statuses.key, name: statuses.name, color: statuses.color, groupName: statusGroups.name })
          .from(statuses)
          .innerJoin(statusGroups, eq(statusGroups.id, statuses.groupId))
          .where(eq(statuses.moduleId, module.id))
          .orderBy(asc(statusGroups.position), asc(statusGroups.id), asc(statuses.position), asc(statuses.id)),
    fieldValuesOf(db, datasheet.id, fieldList),
    db
      .select({ id: todos.id, text: todos.text, dueAt: todos.dueAt, assigneeUserId: todos.assigneeUserId, version: todos.version })
      .from(todos)
      .where(and(eq(todos.datasheetId, datasheet.id), isNull(todos.doneAt)))
      .orderBy(asc(todos.dueAt), asc(todos.id)),
    db
      .select({ entry: historyEntries, todoVersion: todos.version })
      .from(historyEntries)
      .leftJoin(todos, eq(todos.id, historyEntries.todoId))
      .where(eq(historyEntries.datasheetId, datasheet.id))
      .orderBy(desc(historyEntries.occurredAt), desc(historyEntries.id))
      .limit(HISTORY_LIMIT),
    db
      .select()
      .from(statusChanges)
      .where(eq(statusChanges.datasheetId, datasheet.id))
      .orderBy(desc(statusChanges.at), desc(statusChanges.id))
      .limit(HISTORY_LIMIT),
    db.select().from(invoices).where(eq(invoices.datasheetId, datasheet.id)).orderBy(desc(invoices.issuedOn), desc(invoices.createdAt)),
    db
      .select({ id: datasheets.id, moduleId: datasheets.moduleId, moduleName: modules.name })
      .from(datasheets)
      .innerJoin(modules, eq(modules.id, datasheets.moduleId))
      .where(and(eq(datasheets.businessId, business.id), ne(datasheets.id, datasheet.id), visibleDatasheets(actor)))
      .orderBy(asc(modules.position), asc(modules.id)),
  ]);

  const pageStatuses: PageStatus[] = statusRows.map((s) => ({ ...s, textColor: statusTextColor(s.color) }));
  const nameOf = (id: string | null, key: string | null) => pageStatuses.find((s) => s.id === id)?.name ?? key;
  const status = pageStatuses.find((s) => s.id === datasheet.statusId);
  if (!status) throw new NotFoundError();

  // Status changes live in their own table, the one record of them (with the rule and the facts);
  // the history shows them among the rest, newest first.
  const history: PageHistoryItem[] = [
    ...entryRows.map(({ entry: e, todoVersion }) => ({
      id: e.id,
      kind: e.kind,
      body: e.body,
      occurredAt: e.occurredAt,
      authorUserId: e.authorUserId,
      todoId: e.todoId,
      ...(todoVersion === null ? {} : { todoVersion }),
      data: e.data,
    })),
    ...changeRows.map((c) => ({
      id: c.id,
      kind: "status_changed" as const,
      body: "",
      occurredAt: c.at,
      authorUserId: c.actorUserId,
      todoId: null,
      data: {},
      fromStatus: c.fromStatusId ? nameOf(c.fromStatusId, c.fromKey) : null,
      toStatus: nameOf(c.toStatusId, c.toKey) ?? c.toKey,
      reason: c.reason,
      actorSystem: c.actorSystem,
    })),
  ]
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1))
    .slice(0, HISTORY_LIMIT);

  const { id, kind, name, taxNumber, email, phone, website, country, postalCode, city, street, notes, version } = business;
  return {
    datasheet: {
      id: datasheet.id,
      version: datasheet.version,
      createdAt: datasheet.createdAt,
      lastContactAt: datasheet.lastContactAt,
      responsibleUserId: datasheet.responsibleUserId,
    },
    business: { id, kind, name, taxNumber, email, phone, website, country, postalCode, city, street, notes, newsletterConsentAt: business.newsletterConsentAt, version },
    contacts: contactRows,
    module: { id: module.id, name: module.name, kind: module.kind, isAutomatic: module.kind === "sales_auto" },
    status,
    statuses: pageStatuses,
    fields: fieldList.map((f) => ({
      id: f.id,
      key: f.key,
      label: f.label,
      type: f.type,
      helpText: f.helpText,
      isRequired: f.isRequired,
      settings: f.settings,
      options: f.options,
      value: values[f.key] ?? null,
      isSystem: f.isSystem,
    })),
    openTodos: todoRows,
    history,
    invoices: invoiceRows,
    statusChanges: changeRows.map((c) => ({
      id: c.id,
      from: c.fromKey === null ? null : { key: c.fromKey, name: nameOf(c.fromStatusId, c.fromKey) ?? c.fromKey },
      to: { key: c.toKey, name: nameOf(c.toStatusId, c.toKey) ?? c.toKey },
      reason: c.reason,
      facts: c.facts,
      actorUserId: c.actorUserId,
      actorSystem: c.actorSystem,
      at: c.at,
    })),
    salesFacts: module.kind === "sales_auto" ? { salesStatus: datasheet.salesStatus, qualification: datasheet.qualification, entry: datasheet.entry } : null,
    otherDatasheets: others,
    people: config.team,
  };
}
