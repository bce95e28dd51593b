import type { ColumnTarget } from "./targets";

/*
 * A target suggested for each column from its header, in Hungarian or English ("Cégnév",
 * "Company", "E-mail", "Telefonszám", "Adószám", …), and, for a column whose header says nothing,
 * from its values (addresses, phone numbers, tax numbers, web addresses). Each target is suggested
 * once, for the first column that fits it best.
 */

/** Headers folded: lower case, no accents, no punctuation or spaces. */
export function foldHeader(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const headerWords: [ColumnTarget, string[]][] = [
  [
    "business.name",
    [
      "cegnev",
      "ceg",
      "cegneve",
      "company",
      "companyname",
      "business",
      "businessname",
      "organisation",
      "organization",
      "ugyfel",
      "ugyfelnev",
      "partner",
      "partnernev",
      "nev",
      "name",
      "vallalat",
      "firma",
      "account",
      "accountname",
      "client",
      "clientname",
      "customer",
    ],
  ],
  ["business.email", ["email", "emailcim", "mail", "emailaddress", "cegemail", "companyemail"]],
  ["business.phone", ["telefon", "telefonszam", "tel", "phone", "phonenumber", "telephone", "cegtelefon", "mobil", "mobile", "mobilszam"]],
  ["business.taxNumber", ["adoszam", "adoazonosito", "taxnumber", "taxid", "vat", "vatnumber", "vatid", "kozossegiadoszam"]],
  ["business.website", ["weboldal", "honlap", "web", "website", "url", "webcim", "homepage"]],
  ["business.country", ["orszag", "country"]],
  ["business.postalCode", ["iranyitoszam", "irsz", "postalcode", "postcode", "zip", "zipcode"]],
  ["business.city", ["varos", "telepules", "helyseg", "city", "town"]],
  ["business.street", ["utca", "cim", "utcahazszam", "street", "address", "streetaddress", "szekhely"]],
  ["business.notes", ["megjegyzes", "notes", "note", "comment", "comments", "leiras", "description"]],
  [
    "contact.name",
    ["kapcsolattarto", "kapcsolattartonev", "kapcsolattartoneve", "contact", "contactname", "contactperson", "szemely", "fullname", "teljesnev"],
  ],
  ["contact.position", ["beosztas", "pozicio", "titulus", "position", "title", "jobtitle", "role"]],
  ["contact.email", ["kapcsolattartoemail", "contactemail", "szemelyesemail"]],
  ["contact.phone", ["kapcsolattartotelefon", "contactphone", "szemelyestelefon"]],
  ["responsible", ["felelos", "felelosnev", "responsible", "owner", "assignee", "kollega", "salesrep", "ertekesito"]],
];

const wordIndex = new Map<string, ColumnTarget>(headerWords.flatMap(([target, words]) => words.map((w) => [w, target] as const)));

export interface SuggestField {
  key: string;
  name: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s()/-]{6,20}$/;
const TAX = /^\d{8}-?\d-?\d{2}$/;
const URL_LIKE = /^(https?:\/\/|www\.)\S+$/i;

function fromValues(values: readonly string[]): ColumnTarget | null {
  const filled = values.map((v) => v.trim()).filter(Boolean);
  if (!filled.length) return null;
  const share = (re: RegExp) => filled.filter((v) => re.test(v)).length / filled.length;
  if (share(EMAIL) >= 0.8) return "business.email";
  if (share(TAX) >= 0.8) return "business.taxNumber";
  if (share(URL_LIKE) >= 0.8) return "business.website";
  if (share(PHONE) >= 0.8 && filled.some((v) => v.replace(/\D/g, "").length >= 8)) return "business.phone";
  return null;
}

/**
 * One suggestion per column ("" when none fits). `headers` may be empty strings (no header row);
 * `sample` holds the first rows. A module field matches by its name or key.
 */
export function suggestMapping(headers: readonly string[], sample: readonly (readonly string[])[], fields: readonly SuggestField[] = []): ColumnTarget[] {
  const taken = new Set<ColumnTarget>();
  const fieldIndex = new Map<string, ColumnTarget>();
  for (const f of fields) {
    fieldIndex.set(foldHeader(f.name), `field.${f.key}`);
    fieldIndex.set(foldHeader(f.key), `field.${f.key}`);
  }
  const claim = (target: ColumnTarget | null | undefined): ColumnTarget => {
    if (!target || taken.has(target)) return "";
    taken.add(target);
    return target;
  };
  const out: ColumnTarget[] = headers.map(() => "");
  // Headers first (a field's own name before the general words), then values for the rest.
  headers.forEach((header, i) => {
    const folded = foldHeader(header);
    if (folded) out[i] = claim(fieldIndex.get(folded) ?? wordIndex.get(folded));
  });
  headers.forEach((header, i) => {
    if (out[i]) return;
    const folded = foldHeader(header);
    // A second email or phone column next to a contact's name is the contact's.
    const byValues = fromValues(sample.map((row) => row[i] ?? ""));
    const contactVariant = byValues === "business.email" ? "contact.email" : byValues === "business.phone" ? "contact.phone" : null;
    const loose = folded ? headerWords.find(([, words]) => words.some((w) => w.length > 3 && folded.includes(w)))?.[0] : undefined;
    out[i] = claim(loose) || claim(byValues) || claim(contactVariant);
  });
  return out;
}
