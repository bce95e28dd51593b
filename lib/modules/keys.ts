/**
 * Stable keys for statuses, groups, fields and options: made once from the first name
 * ("Company size" → `company_size`, "Új bejelentés" → `uj_bejelentes`), de-duplicated with a
 * number (`company_size_2`), and never changed by a rename.
 */
export const KEY_MAX_LENGTH = 40;
export const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;

export function slugify(name: string, fallback: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, KEY_MAX_LENGTH)
    .replace(/_+$/, "");
  if (!slug) return fallback;
  return /^[a-z]/.test(slug) ? slug : `${fallback}_${slug}`.slice(0, KEY_MAX_LENGTH).replace(/_+$/, "");
}

/** The slug of `name`, or the first `slug_N` (N ≥ 2) that `taken` does not hold. */
export function uniqueKey(name: string, taken: ReadonlySet<string>, fallback: string): string {
  const base = slugify(name, fallback);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const key = base.slice(0, KEY_MAX_LENGTH - suffix.length).replace(/_+$/, "") + suffix;
    if (!taken.has(key)) return key;
  }
}
