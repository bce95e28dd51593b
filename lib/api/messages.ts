import { createTranslator } from "next-intl";
import { catalogFor } from "@/lib/i18n/catalogs";

type Translate = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };
let english: Translate | undefined;

/**
 * A validation or error code (`emailInvalid`, `changedMeanwhile`) as the API's English sentence for
 * people, from the same catalog the UI uses, with the error's values (who changed it meanwhile); a
 * code the catalog lacks is given as it is.
 */
export function describeError(code: string, namespace: "validation" | "errors" = "validation", values: Record<string, string | number> = {}): string {
  english ??= createTranslator({ locale: "en", messages: catalogFor("en") }) as unknown as Translate;
  const key = `${namespace}.${code}`;
  if (!english.has(key)) return code;
  try {
    return english(key, values);
  } catch {
    // A message with placeholders the API has no values for.
    return code;
  }
}
