import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogFor, catalogParts, type Catalog } from "@/lib/i18n/catalogs";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const catalogs = { en: flatten(catalogFor("en") as Tree), hu: flatten(catalogFor("hu") as Tree) };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("message catalogs", () => {
  it("define each key in one part only", () => {
    for (const parts of Object.values(catalogParts)) {
      const owner = new Map<string, string>();
      const twice: string[] = [];
      for (const [part, tree] of Object.entries(parts)) {
        for (const key of flatten(tree as Catalog as Tree).keys()) {
          if (owner.has(key)) twice.push(`${key} (${owner.get(key)}, ${part})`);
          owner.set(key, part);
        }
      }
      expect(twice).toEqual([]);
    }
  });

  it("have the same keys in English and Hungarian", () => {
    const missingInHu = [...catalogs.en.keys()].filter((k) => !catalogs.hu.has(k));
    const missingInEn = [...catalogs.hu.keys()].filter((k) => !catalogs.en.has(k));
    expect({ missingInHu, missingInEn }).toEqual({ missingInHu: [], missingInEn: [] });
  });

  it("have no empty messages and the same placeholders in both languages", () => {
    for (const [key, text] of catalogs.en) {
      const other = catalogs.hu.get(key) ?? "";
      expect(text.trim(), key).not.toBe("");
      expect(other.trim(), key).not.toBe("");
      // An argument is `{name}` or `{name, plural|select, …}`; the text of a branch (`other {Someone …}`) is not one.
      const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });

  it("cover every error and validation code the services and schemas can produce", () => {
    const lib = path.resolve(import.meta.dirname, "../../../lib");
    const codes = new Set<string>();
    for (const file of sourceFiles(lib)) {
      const source = fs.readFileSync(file, "utf8");
      for (const m of source.matchAll(/new DomainError\("(\w+)"/g)) codes.add(`errors.${m[1]}`);
      for (const m of source.matchAll(/ValidationError\(\{ \w+: "(\w+)" \}\)/g)) codes.add(`validation.${m[1]}`);
      if (!/schema/.test(path.basename(file))) continue;
      // zod messages in schema files: `.min(1, "required")`, `.email("emailInvalid")`, `message: "…"`.
      for (const m of source.matchAll(/(?:, |\.email\()"(\w+)"\)|message: "(\w+)"/g)) {
        codes.add(`validation.${m[1] ?? m[2]}`);
      }
    }
    expect(codes.size).toBeGreaterThan(10);
    const missing = [...codes].filter((code) => !catalogs.en.has(code) || !catalogs.hu.has(code));
    expect(missing).toEqual([]);
  });
});

/*
 * Hungarian holds one term for one thing and one register for one reader: the team is addressed
 * informally (te), a client formally (Ön) — the unsubscribe page and the parts of emails that also
 * go to clients. A client's status is "Státusz"; "Állapot" is left to the state of a job or an email.
 */
const clientFacing = /^(unsubscribe\.|emailTemplates\.(greeting|linkFallback|footer\.))/;
// Whole words: \b knows ASCII letters only, and Hungarian words start with Ö and É.
const words = (list: string) => new RegExp(`(?<!\\p{L})(${list})(?!\\p{L})`, "iu");
const formal = [words("Ön|Önt|Önnek|Önnel|Önre|Öntől|Önért"), words("Válasszon|Adja meg|Töltse|próbálja|Ellenőrizze|jelölje|Lépjen|Nyissa|nyomja|kérjen|hagyja|Csatlakozzon|Elfelejtette|aktiválja")];
const informal = [words("te|téged|neked|általad"), words("Válassz|Add meg|Töltsd|próbáld|Ellenőrizd|jelöld|Lépj|Nyisd|nyomd|kérj|hagyd|Csatlakozz|Elfelejtetted|aktiváld")];

describe("Hungarian terms and register", () => {
  const hu = [...catalogs.hu].map(([key, text]) => [key, typeof text === "string" ? text : JSON.stringify(text)] as const);

  it("addresses the team informally, and clients formally", () => {
    for (const [key, text] of hu) {
      const wrong = clientFacing.test(key) ? informal : formal;
      for (const pattern of wrong) expect(text, `${key}: ${text}`).not.toMatch(pattern);
    }
  });

  it("calls a client's status Státusz everywhere", () => {
    for (const [key, text] of hu) {
      if (/^(jobs|mailbox)\./.test(key)) continue;
      expect(text, key).not.toMatch(/állapot/iu);
    }
  });
});
