export type Locale = "en" | "hu";

/** Hungarian puts the family name first (SPEC §8). */
export function formatName(person: { familyName: string; givenName: string }, locale: Locale): string {
  const parts = locale === "hu" ? [person.familyName, person.givenName] : [person.givenName, person.familyName];
  return parts.filter(Boolean).join(" ");
}
