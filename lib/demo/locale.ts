import { locales, type Locale } from "@/lib/i18n/locales";

/**
 * The language a new demo workspace is seeded in: `CRM_DEMO_LOCALE`, else the first start's system
 * language (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as POSIX reads them) when it is Hungarian,
 * else English. A value that is not a language of the app stops the start with a message naming
 * the variable: seeded in the wrong language, the demo would stay so on that data folder.
 */
export function demoLocale(env: Partial<Record<string, string>> = process.env): Locale {
  const chosen = env.CRM_DEMO_LOCALE?.trim().toLowerCase();
  if (chosen) {
    const locale = locales.find((l) => l === chosen);
    if (locale) return locale;
    throw new Error(
      `CRM_DEMO_LOCALE="${env.CRM_DEMO_LOCALE}" is not a language of the demo workspace: set it to ${locales.join(" or ")}, or leave it unset to follow the system language (LANG).`,
    );
  }
  const system = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return system.toLowerCase().startsWith("hu") ? "hu" : "en";
}
