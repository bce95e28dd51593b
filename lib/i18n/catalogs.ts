import enCore from "@/messages/en.json";
import enApiKeys from "@/messages/en/api-keys.json";
import enAutomations from "@/messages/en/automations.json";
import enDashboard from "@/messages/en/dashboard.json";
import enDatasheet from "@/messages/en/datasheet.json";
import enEmail from "@/messages/en/email.json";
import enImport from "@/messages/en/import.json";
import enList from "@/messages/en/list.json";
import enReports from "@/messages/en/reports.json";
import enWorkspace from "@/messages/en/workspace.json";
import enTemplates from "@/messages/en/templates.json";
import huCore from "@/messages/hu.json";
import huApiKeys from "@/messages/hu/api-keys.json";
import huAutomations from "@/messages/hu/automations.json";
import huDashboard from "@/messages/hu/dashboard.json";
import huDatasheet from "@/messages/hu/datasheet.json";
import huEmail from "@/messages/hu/email.json";
import huImport from "@/messages/hu/import.json";
import huList from "@/messages/hu/list.json";
import huReports from "@/messages/hu/reports.json";
import huWorkspace from "@/messages/hu/workspace.json";
import huTemplates from "@/messages/hu/templates.json";
import type { Locale } from "./locales";

/**
 * A message is its ICU text, or, in the Next.js build, that text compiled ahead of time (next-intl's
 * `precompile`, see next.config.ts: an array the formatter reads without an ICU parser, which so
 * stays out of the browser's JavaScript). Scripts and tests read the JSON files as they are.
 */
export type Message = string | readonly unknown[];
export type Catalog = { [key: string]: Message | Catalog };

function isMessage(value: Message | Catalog | undefined): value is Message {
  return typeof value === "string" || Array.isArray(value);
}

/**
 * Each language's catalog is the core file plus one file per domain (messages/<locale>/*.json), so
 * domains add their texts (and their `errors.*` codes) without touching one shared file. Parts
 * merge deeply; a key defined twice is a mistake the catalog test reports.
 */
export const catalogParts: Record<Locale, Record<string, Catalog>> = {
  en: { core: enCore, dashboard: enDashboard, datasheet: enDatasheet, list: enList, email: enEmail, reports: enReports, apiKeys: enApiKeys, templates: enTemplates, workspace: enWorkspace, automations: enAutomations, import: enImport },
  hu: { core: huCore, dashboard: huDashboard, datasheet: huDatasheet, list: huList, email: huEmail, reports: huReports, apiKeys: huApiKeys, templates: huTemplates, workspace: huWorkspace, automations: huAutomations, import: huImport },
};

export function mergeCatalogs(parts: Catalog[]): Catalog {
  const out: Catalog = {};
  for (const part of parts) mergeInto(out, part);
  return out;
}

function mergeInto(target: Catalog, source: Catalog): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isMessage(value)) target[key] = value;
    // A nested part is copied, never shared: merging into it would change the part itself.
    else if (existing === undefined || isMessage(existing)) mergeInto((target[key] = {}), value);
    else mergeInto(existing, value);
  }
}

const merged: Partial<Record<Locale, Catalog>> = {};

export function catalogFor(locale: Locale): Catalog {
  return (merged[locale] ??= mergeCatalogs(Object.values(catalogParts[locale])));
}
