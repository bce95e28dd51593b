import { createTranslator } from "next-intl";
import { catalogFor } from "@/lib/i18n/catalogs";
import type { Locale } from "@/lib/i18n/locales";

export type EmailTranslator = (key: string, values?: Record<string, string | number>) => string;

/** Email texts live in the catalogs (messages/<locale>/email.json, `emailTemplates`). */
export function emailTranslator(locale: Locale): EmailTranslator {
  const t = createTranslator({ locale, messages: catalogFor(locale), namespace: "emailTemplates" });
  return (key, values) => (t as unknown as EmailTranslator)(key, values);
}
