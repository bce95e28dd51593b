/*
 * Merge fields of email templates (SPEC §4): `{{business.name}}`, `{{contact.name}}`,
 * `{{field.<key>}}`, `{{user.name}}`, `{{sender.signature}}`, `{{unsubscribe_url}}`… Pure: the
 * editor checks a template in the browser with the same functions the server uses before it saves
 * or sends one. An unknown name is an error, never a blank in a client's inbox.
 */

/** The merge fields every template has, by group (the picker's order). `field.<key>` come from the module. */
export const mergeFieldGroups = {
  business: ["business.name", "business.email", "business.phone", "business.tax_number"],
  contact: ["contact.name", "contact.email", "contact.position"],
  datasheet: ["datasheet.status", "datasheet.module", "datasheet.url"],
  user: ["user.name", "user.email"],
  sender: ["sender.name", "sender.email", "sender.signature"],
  workspace: ["workspace.name", "unsubscribe_url"],
} as const;

export type MergeFieldGroup = keyof typeof mergeFieldGroups;
export type StaticMergeField = (typeof mergeFieldGroups)[MergeFieldGroup][number];

export const staticMergeFields: readonly StaticMergeField[] = Object.values(mergeFieldGroups).flat();

/** The sender's signature is Markdown of their own: merged as formatting, not as text. */
export const SIGNATURE_FIELD = "sender.signature";
export const UNSUBSCRIBE_FIELD = "unsubscribe_url";
export const FIELD_PREFIX = "field.";

export type TemplateSegment = { kind: "text"; text: string } | { kind: "field"; name: string };

export type MergeFieldIssue =
  /** `{{` without its `}}`. */
  | { code: "unclosedMergeField"; index: number }
  /** Not a merge field's shape, e.g. `{{ hello world }}` or `{{}}`. */
  | { code: "invalidMergeField"; field: string; index: number }
  /** A well-formed name no template has, e.g. `{{contact.nmae}}` or a field the module does not have. */
  | { code: "unknownMergeField"; field: string; index: number };

export interface ParsedTemplate {
  segments: TemplateSegment[];
  /** Syntax problems only; names are checked by validateTemplate. */
  issues: MergeFieldIssue[];
}

const NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)?$/;

/** `{{ name }}` tags and the text between them. Names are case-sensitive and trimmed. */
export function parseTemplate(source: string): ParsedTemplate {
  const segments: TemplateSegment[] = [];
  const issues: MergeFieldIssue[] = [];
  let text = "";
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf("{{", at);
    if (open === -1) {
      text += source.slice(at);
      break;
    }
    const close = source.indexOf("}}", open + 2);
    if (close === -1) {
      issues.push({ code: "unclosedMergeField", index: open });
      text += source.slice(at);
      break;
    }
    text += source.slice(at, open);
    const name = source.slice(open + 2, close).trim();
    if (NAME.test(name)) {
      if (text) segments.push({ kind: "text", text });
      text = "";
      segments.push({ kind: "field", name });
    } else {
      issues.push({ code: "invalidMergeField", field: name, index: open });
      text += source.slice(open, close + 2);
    }
    at = close + 2;
  }
  if (text) segments.push({ kind: "text", text });
  return { segments, issues };
}

export interface MergeFieldContext {
  /** The keys of the module's fields (`{{field.<key>}}`). */
  fieldKeys: readonly string[];
}

export function isKnownMergeField(name: string, context: MergeFieldContext): boolean {
  if (name.startsWith(FIELD_PREFIX)) return context.fieldKeys.includes(name.slice(FIELD_PREFIX.length));
  return (staticMergeFields as readonly string[]).includes(name);
}

/** Every problem of one text (a subject or a body), in the order they appear. */
export function templateIssues(source: string, context: MergeFieldContext): MergeFieldIssue[] {
  const { segments, issues } = parseTemplate(source);
  let index = 0;
  const unknown: MergeFieldIssue[] = [];
  for (const segment of segments) {
    if (segment.kind === "text") {
      index += segment.text.length;
      continue;
    }
    const tagAt = source.indexOf("{{", index);
    if (!isKnownMergeField(segment.name, context)) unknown.push({ code: "unknownMergeField", field: segment.name, index: tagAt });
    index = source.indexOf("}}", tagAt) + 2;
  }
  return [...issues, ...unknown].sort((a, b) => a.index - b.index);
}

export interface TemplateParts {
  subject: string;
  body: string;
}

export type TemplateIssues = { [K in keyof TemplateParts]: MergeFieldIssue[] };

/**
 * A template's problems, per part. The subject is one line of plain text: the signature (Markdown
 * of several lines) has no place there.
 */
export function validateTemplate(template: TemplateParts, context: MergeFieldContext): TemplateIssues {
  const subject = templateIssues(template.subject, context);
  for (const segment of parseTemplate(template.subject).segments) {
    if (segment.kind === "field" && segment.name === SIGNATURE_FIELD) {
      subject.push({ code: "unknownMergeField", field: SIGNATURE_FIELD, index: template.subject.indexOf(SIGNATURE_FIELD) });
    }
  }
  return { subject, body: templateIssues(template.body, context) };
}

export function firstIssue(issues: TemplateIssues): (MergeFieldIssue & { part: keyof TemplateParts }) | null {
  for (const part of ["subject", "body"] as const) {
    const issue = issues[part][0];
    if (issue) return { ...issue, part };
  }
  return null;
}

/** The merge fields a text uses, once each, in order. */
export function usedMergeFields(source: string): string[] {
  const names = parseTemplate(source).segments.flatMap((s) => (s.kind === "field" ? [s.name] : []));
  return [...new Set(names)];
}

// ---------------------------------------------------------------------------------------------
// Merging

/** HTML's five, as entities: the Markdown renderer keeps entities as they are. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** ASCII punctuation but HTML's characters (those become entities, whose `&`, `#` and `;` must stay bare). */
const MARKDOWN_PUNCTUATION = /[!#$%()*+,\-./:;=?@[\\\]^_`{|}~]/g;

/**
 * A value as literal text inside Markdown: every ASCII punctuation backslash-escaped (so `**`,
 * `[x](y)`, `# `, a bare URL or an address formats and links nothing), then HTML's characters as
 * entities, and line breaks as hard breaks (a value cannot start a heading, list or code block).
 */
export function escapeMarkdownText(value: string): string {
  return value
    .split(/\r\n|\r|\n/)
    .map((line) => escapeHtml(line.trim().replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)))
    .filter(Boolean)
    .join("\\\n");
}

/** A value for the subject line: one line, no control characters (no header can be smuggled in). */
export function toSubjectText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

/** Schemes a merged link may have: a value in a link's place cannot make it `javascript:` or `data:`. */
const SAFE_URL = /^(https?:\/\/|mailto:|tel:)/i;

/**
 * A value inside a link's destination (`[text](…)`): percent-encoded, so it cannot end the link or
 * add a title; at the destination's start it must be an http(s), mailto or tel address, else the link
 * leads nowhere ("#").
 */
export function escapeMarkdownUrl(value: string, isStart: boolean): string {
  const url = value.trim();
  if (isStart && !SAFE_URL.test(url)) return "#";
  return encodeURI(url).replace(/[()'"*_\\<>`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** The destination a Markdown text is in the middle of (`…](http://x/?q=`), or null when it is in none. */
function openLinkDestination(before: string): string | null {
  const inline = /\]\(\s*([^\s()]*)$/.exec(before);
  if (inline) return inline[1]!;
  const reference = /(?:^|\n) {0,3}\[[^\]\n]+\]:[ \t]*([^\s]*)$/.exec(before);
  return reference ? reference[1]! : null;
}

export type MergeValues = Record<string, string>;

/**
 * Fills a body's merge fields: each value as literal Markdown text (escapeMarkdownText), or as part of
 * a link's address where the template puts it there (escapeMarkdownUrl), except those in `raw` (the
 * signature's Markdown, the unsubscribe link's token), put in as they are. A name with no value merges
 * as empty: validateTemplate is what keeps unknown names out.
 */
export function mergeBody(segments: readonly TemplateSegment[], values: MergeValues, raw: MergeValues = {}): string {
  let out = "";
  for (const segment of segments) {
    if (segment.kind === "text") out += segment.text;
    else if (segment.name in raw) out += raw[segment.name];
    else {
      const value = values[segment.name] ?? "";
      const destination = openLinkDestination(out);
      out += destination === null ? escapeMarkdownText(value) : escapeMarkdownUrl(value, destination === "");
    }
  }
  return out;
}

/** Fills a subject's merge fields: one line of plain text. */
export function mergeSubject(segments: readonly TemplateSegment[], values: MergeValues): string {
  let out = "";
  for (const segment of segments) out += segment.kind === "text" ? segment.text : toSubjectText(values[segment.name] ?? "");
  return toSubjectText(out);
}
