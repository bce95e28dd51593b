/** What the list's text search matches for a business: SPEC "search over business, contact names, emails and phones". */
export interface SearchableBusiness {
  name: string;
  email?: string | null;
  phone?: string | null;
  taxNumber?: string | null;
}

export interface SearchableContact {
  name: string;
  email?: string | null;
  phone?: string | null;
}

/**
 * `businesses.search_text`: the business's name, email, phone and tax number and every contact's
 * name, email and phone, lower-cased, one space apart. Phones are kept as typed and also with
 * digits only, so "+36 1 234" and "361234" both find the number.
 */
export function buildSearchText(business: SearchableBusiness, contacts: readonly SearchableContact[]): string {
  const parts: (string | null | undefined)[] = [business.name, business.email, business.phone, business.taxNumber];
  for (const contact of contacts) parts.push(contact.name, contact.email, contact.phone);
  for (const phone of [business.phone, ...contacts.map((c) => c.phone)]) {
    const digits = phone?.replace(/\D/g, "");
    if (digits && digits !== phone) parts.push(digits);
  }
  return parts
    .map((p) => p?.trim().replace(/\s+/g, " ").toLowerCase())
    .filter((p): p is string => Boolean(p))
    .join(" ");
}
