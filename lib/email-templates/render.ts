import "server-only";
import { randomUUID } from "node:crypto";
import { render, toPlainText } from "@react-email/render";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { businesses, contacts, datasheets, datasheetValues, emailTemplates, modules, statuses, users, workspaces, type EmailTemplateRow } from "@/db/schema";
import { UNSUBSCRIBE_URL_TOKEN } from "@/emails/template-message";
import { can, type Actor } from "@/lib/auth/permissions";
import { getVisibleDatasheet } from "@/lib/datasheets/access";
import { moduleFields } from "@/lib/datasheets/field-values";
import { appUrl } from "@/lib/email/config";
import { templateElement, type EmailKind, type EmailTemplate } from "@/lib/email/templates";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { fromStoredValues } from "@/lib/fields/storage";
import type { FieldValue } from "@/lib/fields/values";
import { groupBy } from "@/lib/group-by";
import { catalogFor } from "@/lib/i18n/catalogs";
import type { Locale } from "@/lib/i18n/locales";
import { assertId } from "@/lib/ids";
import { formatName } from "@/lib/users/names";
import {
  firstIssue,
  mergeBody,
  mergeSubject,
  parseTemplate,
  SIGNATURE_FIELD,
  UNSUBSCRIBE_FIELD,
  validateTemplate,
  type MergeValues,
  type TemplateSegment,
} from "./merge-fields";
import { MergeFieldError } from "./mutations";
import { formatMergeValue, type MergeFieldDefinition } from "./values";

/*
 * Email templates merged for a datasheet (SPEC §4): the values of its business, the recipient,
 * its fields, its responsible user and the sender, each escaped (merge-fields.ts), in the shared
 * React Email layout. Set-based where it matters: a newsletter prepares the template once and reads
 * the merge data of a whole batch of datasheets in a handful of statements.
 */

/** A client's address (a contact person's, or the business's own when `contactId` is absent). */
export interface ClientRecipient {
  email: string;
  name?: string | null;
  contactId?: string | null;
}

/** A user of the workspace (automations' "Email to user"). */
export interface UserRecipient {
  userId: string;
}

export type TemplateRecipient = ClientRecipient | UserRecipient;

export function isUserRecipient(recipient: TemplateRecipient): recipient is UserRecipient {
  return "userId" in recipient;
}

/** Admins write templates (Settings); managers send campaigns with them; the system runs automations. */
export function assertMayUseTemplates(actor: Actor): void {
  if (actor.kind === "system") return;
  if (!can(actor, "settings.manage") && !can(actor, "campaigns.manage")) throw new ForbiddenError();
}

/** A template of the actor's workspace, not in the trash; anything else is "not found". */
export async function getTemplateRow(conn: Conn, workspaceId: string, templateId: string): Promise<EmailTemplateRow> {
  assertId(templateId);
  const [row] = await conn
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.id, templateId), eq(emailTemplates.workspaceId, workspaceId), isNull(emailTemplates.deletedAt)));
  if (!row) throw new NotFoundError();
  return row;
}

interface WorkspaceUser {
  id: string;
  email: string;
  familyName: string;
  givenName: string;
  locale: Locale | null;
  signature: string;
  isActive: boolean;
}

/** A template ready to merge many times: parsed once, checked against its module's fields as they are now. */
export interface PreparedTemplate {
  /** Null: a draft (the editor's preview of what is not saved yet). */
  templateId: string | null;
  moduleId: string;
  subject: TemplateSegment[];
  body: TemplateSegment[];
  fields: MergeFieldDefinition[];
  moduleName: string;
  workspace: { name: string; locale: Locale; timeZone: string };
  users: ReadonlyMap<string, WorkspaceUser>;
}

/**
 * Parses the template and checks it against its module's fields now: a field archived since the
 * template was saved is an error (`unknownMergeField` naming it), never a blank in the email.
 */
export async function prepareTemplate(conn: Conn, workspaceId: string, templateId: string): Promise<PreparedTemplate> {
  const row = await getTemplateRow(conn, workspaceId, templateId);
  return prepareParts(conn, workspaceId, row);
}

/** A template's parts (saved or a draft) for its module of the workspace, checked and parsed. */
export async function prepareParts(
  conn: Conn,
  workspaceId: string,
  row: Pick<EmailTemplateRow, "moduleId" | "subject" | "body"> & { id?: string },
): Promise<PreparedTemplate> {
  assertId(row.moduleId);
  const [[workspace], [module], fieldList, people] = await Promise.all([
    conn.select({ name: workspaces.name, locale: workspaces.locale, timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    conn
      .select({ name: modules.name })
      .from(modules)
      .where(and(eq(modules.id, row.moduleId), eq(modules.workspaceId, workspaceId))),
    moduleFields(conn, row.moduleId),
    conn
      .select({
        id: users.id,
        email: users.email,
        familyName: users.familyName,
        givenName: users.givenName,
        locale: users.locale,
        signature: users.signature,
        isActive: users.isActive,
      })
      .from(users)
      .where(eq(users.workspaceId, workspaceId)),
  ]);
  if (!workspace || !module) throw new NotFoundError();
  const issue = firstIssue(validateTemplate(row, { fieldKeys: fieldList.map((f) => f.key) }));
  if (issue) throw new MergeFieldError(issue.code, { part: issue.part, ...("field" in issue ? { field: issue.field } : {}) });
  return {
    templateId: row.id ?? null,
    moduleId: row.moduleId,
    subject: parseTemplate(row.subject).segments,
    body: parseTemplate(row.body).segments,
    fields: fieldList.map((f) => ({ key: f.key, type: f.type, options: f.options })),
    moduleName: module.name,
    workspace,
    users: new Map(people.map((u) => [u.id, u])),
  };
}

/** What a datasheet gives its merge fields. */
export interface DatasheetMergeData {
  id: string;
  moduleId: string;
  statusName: string;
  responsibleUserId: string | null;
  business: { name: string; email: string | null; phone: string | null; taxNumber: string | null; newsletterConsentAt: Date | null };
  contacts: { id: string; name: string; email: string | null; position: string | null; newsletterConsentAt: Date | null }[];
  values: Record<string, FieldValue>;
}

/**
 * The merge data of datasheets of one module, by id (those not found are absent). No visibility
 * check here: callers have checked the datasheets (one for a preview, an audience for a newsletter).
 */
export async function datasheetMergeData(conn: Conn, workspaceId: string, ids: readonly string[]): Promise<Map<string, DatasheetMergeData>> {
  const out = new Map<string, DatasheetMergeData>();
  if (!ids.length) return out;
  const rows = await conn
    .select({ datasheet: datasheets, business: businesses, statusName: statuses.name })
    .from(datasheets)
    .innerJoin(businesses, eq(businesses.id, datasheets.businessId))
    .innerJoin(statuses, eq(statuses.id, datasheets.statusId))
    .where(and(inArray(datasheets.id, [...ids]), eq(datasheets.workspaceId, workspaceId), isNull(datasheets.deletedAt)));
  if (!rows.length) return out;
  const people = await conn
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.businessId, [...new Set(rows.map((r) => r.business.id))])))
    .orderBy(asc(contacts.createdAt), asc(contacts.id));
  const fieldsByModule = new Map<string, Awaited<ReturnType<typeof moduleFields>>>();
  for (const moduleId of new Set(rows.map((r) => r.datasheet.moduleId))) fieldsByModule.set(moduleId, await moduleFields(conn, moduleId));
  const valueRows = await conn
    .select()
    .from(datasheetValues)
    .where(
      inArray(
        datasheetValues.datasheetId,
        rows.map((r) => r.datasheet.id),
      ),
    )
    .orderBy(asc(datasheetValues.ordinal));
  const valuesOf = groupBy(valueRows, (v) => `${v.datasheetId} ${v.fieldId}`);
  const peopleOf = groupBy(people, (c) => c.businessId);
  for (const { datasheet: d, business: b, statusName } of rows) {
    const values: Record<string, FieldValue> = {};
    for (const field of fieldsByModule.get(d.moduleId) ?? []) {
      const value = fromStoredValues(field.type, valuesOf.get(`${d.id} ${field.id}`) ?? []);
      if (value !== null) values[field.key] = value;
    }
    out.set(d.id, {
      id: d.id,
      moduleId: d.moduleId,
      statusName,
      responsibleUserId: d.responsibleUserId,
      business: { name: b.name, email: b.email, phone: b.phone, taxNumber: b.taxNumber, newsletterConsentAt: b.newsletterConsentAt },
      contacts: (peopleOf.get(b.id) ?? []).map((c) => ({
        id: c.id,
        name: c.name,
        email: c.email,
        position: c.position,
        newsletterConsentAt: c.newsletterConsentAt,
      })),
      values,
    });
  }
  return out;
}

export interface MergeOptions {
  recipient: TemplateRecipient;
  /** The sending user (signature, `{{sender.*}}`); null: none (the workspace sends). */
  senderUserId: string | null;
}

export interface MergedTemplate {
  /** For queueEmail: client mail is marketing (tracked, unsubscribe link), mail to a user transactional. */
  email: Extract<EmailTemplate, { name: "email-template" }>;
  kind: EmailKind;
  to: string;
  locale: Locale;
  recipientUserId: string | null;
}

function nameOf(user: WorkspaceUser | undefined, locale: Locale): string {
  return user ? formatName(user, locale) : "";
}

function checkboxWords(locale: Locale): { yes: string; no: string } {
  const words = (catalogFor(locale).emailTemplateValues ?? {}) as Record<string, string>;
  return { yes: String(words.yes ?? "✓"), no: String(words.no ?? "–") };
}

/**
 * One recipient's email from a prepared template and a datasheet's merge data. Pure apart from the
 * app's address: the same values for the preview, an automation and a newsletter.
 */
export function mergeTemplate(prepared: PreparedTemplate, data: DatasheetMergeData, options: MergeOptions): MergedTemplate {
  if (data.moduleId !== prepared.moduleId) throw new DomainError("templateOtherModule");
  const { recipient } = options;
  const recipientUser = isUserRecipient(recipient) ? prepared.users.get(recipient.userId) : undefined;
  if (isUserRecipient(recipient) && !recipientUser?.isActive) throw new NotFoundError();
  const locale: Locale = recipientUser?.locale ?? prepared.workspace.locale;
  const contact = isUserRecipient(recipient)
    ? data.contacts[0]
    : recipient.contactId
      ? data.contacts.find((c) => c.id === recipient.contactId)
      : data.contacts.find((c) => c.email?.toLowerCase() === recipient.email.toLowerCase());
  if (!isUserRecipient(recipient) && recipient.contactId && !contact) throw new NotFoundError();
  const sender = options.senderUserId ? prepared.users.get(options.senderUserId) : undefined;
  const responsible = data.responsibleUserId ? prepared.users.get(data.responsibleUserId) : undefined;
  const userNames = new Map([...prepared.users.values()].map((u) => [u.id, formatName(u, locale)]));
  const formatting = { locale, timeZone: prepared.workspace.timeZone, userNames, ...checkboxWords(locale) };

  const values: MergeValues = {
    "business.name": data.business.name,
    "business.email": data.business.email ?? "",
    "business.phone": data.business.phone ?? "",
    "business.tax_number": data.business.taxNumber ?? "",
    "contact.name": contact?.name ?? (isUserRecipient(recipient) ? data.business.name : (recipient.name ?? data.business.name)),
    "contact.email": contact?.email ?? (isUserRecipient(recipient) ? (data.business.email ?? "") : recipient.email),
    "contact.position": contact?.position ?? "",
    "datasheet.status": data.statusName,
    "datasheet.module": prepared.moduleName,
    "datasheet.url": `${appUrl()}/datasheets/${data.id}`,
    "user.name": nameOf(responsible, locale),
    "user.email": responsible?.email ?? "",
    "sender.name": sender ? nameOf(sender, locale) : prepared.workspace.name,
    "sender.email": sender?.email ?? "",
    "workspace.name": prepared.workspace.name,
  };
  for (const field of prepared.fields) values[`field.${field.key}`] = formatMergeValue(field, data.values[field.key], formatting);

  const kind: EmailKind = isUserRecipient(recipient) ? "transactional" : "marketing";
  // The signature is the sender's own Markdown, merged as formatting (raw HTML in it shows as text).
  const raw = { [SIGNATURE_FIELD]: sender?.signature.trim() ?? "", [UNSUBSCRIBE_FIELD]: kind === "marketing" ? UNSUBSCRIBE_URL_TOKEN : "" };
  return {
    email: {
      name: "email-template",
      kind,
      props: {
        locale,
        workspaceName: prepared.workspace.name,
        subject: mergeSubject(prepared.subject, values),
        body: mergeBody(prepared.body, values, raw),
      },
    },
    kind,
    to: recipientUser ? recipientUser.email : (recipient as ClientRecipient).email.trim(),
    locale,
    recipientUserId: recipientUser?.id ?? null,
  };
}

export interface RenderTemplateInput {
  templateId: string;
  datasheetId: string;
  recipient: TemplateRecipient;
  /** Default: the acting user, or for the system the datasheet's responsible user. */
  senderUserId?: string | null;
}

type Merged = MergedTemplate & { datasheetId: string; senderUserId: string | null; data: DatasheetMergeData };

async function mergeWith(
  conn: Conn,
  actor: Actor,
  input: Omit<RenderTemplateInput, "templateId" | "recipient"> & { recipient?: TemplateRecipient },
  prepare: () => Promise<PreparedTemplate>,
): Promise<Merged> {
  assertMayUseTemplates(actor);
  assertId(input.datasheetId);
  const datasheet = await getVisibleDatasheet(conn, actor, input.datasheetId);
  const prepared = await prepare();
  const data = (await datasheetMergeData(conn, actor.workspaceId, [datasheet.id])).get(datasheet.id);
  if (!data) throw new NotFoundError();
  const senderUserId = input.senderUserId !== undefined ? input.senderUserId : actor.kind === "system" ? datasheet.responsibleUserId : actor.userId;
  // The editor's preview: the client's first address, or their name alone when they have none.
  const recipient = input.recipient ?? clientAddresses(data)[0] ?? { email: "", name: data.contacts[0]?.name ?? null };
  return { ...mergeTemplate(prepared, data, { recipient, senderUserId }), datasheetId: datasheet.id, senderUserId, data };
}

/** The datasheet (visible to the actor), the prepared template and the merged email, in one place. */
export async function mergeForDatasheet(conn: Conn, actor: Actor, input: RenderTemplateInput): Promise<Merged> {
  return mergeWith(conn, actor, input, () => prepareTemplate(conn, actor.workspaceId, input.templateId));
}

export interface RenderedTemplate {
  subject: string;
  html: string;
  text: string;
}

async function renderMerged(merged: Merged): Promise<RenderedTemplate> {
  // A preview has no stored email yet: its unsubscribe link names none (the page says "not found").
  const { subject, element } = templateElement(merged.email, `${appUrl()}/unsubscribe/preview.${randomUUID()}`);
  const html = await render(element);
  return { subject, html, text: toPlainText(html) };
}

/**
 * A template merged for a datasheet and a recipient and rendered through the React Email layout:
 * the subject, HTML and plain text (the preview of Settings → Email templates; automations and
 * newsletters store the same through queueEmail, with the email's own unsubscribe link and tracking).
 */
export async function renderTemplateForDatasheet(conn: Conn, actor: Actor, input: RenderTemplateInput): Promise<RenderedTemplate> {
  return renderMerged(await mergeForDatasheet(conn, actor, input));
}

/** The editor's live preview: a draft (not saved yet) merged for a datasheet of its module and rendered. */
export async function renderDraftForDatasheet(
  conn: Conn,
  actor: Actor,
  input: { moduleId: string; subject: string; body: string; datasheetId: string },
): Promise<RenderedTemplate> {
  // Writing templates is Settings (SPEC §2): admins.
  if (!can(actor, "settings.manage")) throw new ForbiddenError();
  return renderMerged(await mergeWith(conn, actor, { datasheetId: input.datasheetId }, () => prepareParts(conn, actor.workspaceId, input)));
}

/** A client's addresses on a datasheet: its contact persons with an email, then the business's own, once each. */
export function clientAddresses(data: Pick<DatasheetMergeData, "business" | "contacts">): (ClientRecipient & { hasConsent: boolean })[] {
  const out: (ClientRecipient & { hasConsent: boolean })[] = [];
  const seen = new Set<string>();
  for (const c of data.contacts) {
    const address = c.email?.trim().toLowerCase();
    if (!address || seen.has(address)) continue;
    seen.add(address);
    out.push({ email: c.email!.trim(), name: c.name, contactId: c.id, hasConsent: Boolean(c.newsletterConsentAt) });
  }
  const own = data.business.email?.trim().toLowerCase();
  if (own && !seen.has(own))
    out.push({ email: data.business.email!.trim(), name: null, contactId: null, hasConsent: Boolean(data.business.newsletterConsentAt) });
  return out;
}
