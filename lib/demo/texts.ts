import type { Locale } from "@/lib/i18n/locales";

/** A seed's texts in the languages other than English, each keyed by the English text the seed writes. */
export type SeedTexts = Record<Exclude<Locale, "en">, Record<string, string>>;

/**
 * The seed's texts in the workspace's language: English as the seed writes it, another language
 * from the seed's table. A text missing from the table stops the seed (the demo test seeds every
 * language) rather than leave an English line in a Hungarian workspace.
 */
export function seedTextsIn(texts: SeedTexts, locale: Locale): (english: string) => string {
  if (locale === "en") return (english) => english;
  const table = texts[locale];
  return (english) => {
    const text = table[english];
    if (text === undefined) throw new Error(`The demo seed has no "${locale}" text for "${english}".`);
    return text;
  };
}
