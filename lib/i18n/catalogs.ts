import enCore from "@/messages/en.json";
import enDatasheet from "@/messages/en/datasheet.json";
import enEmail from "@/messages/en/email.json";
import enList from "@/messages/en/list.json";
import huCore from "@/messages/hu.json";
import huDatasheet from "@/messages/hu/datasheet.json";
import huEmail from "@/messages/hu/email.json";
import huList from "@/messages/hu/list.json";
import type { Locale } from "./locales";

export type Catalog = { [key: string]: string | Catalog };

/**
 * Each language's catalog is the core file plus one file per domain (messages/<locale>/*.json), so
 * domains add their texts (and their `errors.*` codes) without touching one shared file. Parts
 * merge deeply; a key defined twice is a mistake the catalog test reports.
 */
export const catalogParts: Record<Locale, Record<string, Catalog>> = {
  en: { core: enCore, datasheet: enDatasheet, list: enList, email: enEmail },
  hu: { core: huCore, datasheet: huDatasheet, list: huList, email: huEmail },
};

export function mergeCatalogs(parts: Catalog[]): Catalog {
  const out: Catalog = {};
  for (const part of parts) mergeInto(out, part);
  return out;
}

function mergeInto(target: Catalog, source: Catalog): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === "string") target[key] = value;
    // A nested part is copied, never shared: merging into it would change the part itself.
    else if (existing === undefined || typeof existing === "string") mergeInto((target[key] = {}), value);
    else mergeInto(existing, value);
  }
}

const merged: Partial<Record<Locale, Catalog>> = {};

export function catalogFor(locale: Locale): Catalog {
  return (merged[locale] ??= mergeCatalogs(Object.values(catalogParts[locale])));
}
