import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogFor } from "@/lib/i18n/catalogs";
import { mergeMessages, pickMessages } from "@/lib/i18n/client-messages";

/*
 * Each page's RSC payload carries only the namespaces its client components read (ClientMessages in
 * the root layout, the layouts on its path, or the page). Read from the source: every route's
 * client components — the "use client" files it imports and what they import — and the message
 * keys they use, each of which must be among the namespaces given above them.
 */

const root = path.resolve(import.meta.dirname, "../../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const topLevel = new Set(Object.keys(catalogFor("en")));

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    return entry.isDirectory() ? files(rel) : /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

/** Modules a file loads at run time, at once or when first needed (`import("./dialog")`); type-only imports vanish. */
const valueImports = (text: string) => [
  ...[...text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm)].map((m) => m[1]!),
  ...[...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!),
];

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : null;
  if (base === null) return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const file = path.join(root, base + ext);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return base + ext;
  }
  return null;
}

/**
 * The message keys a client file needs, as deep as the source says: `useTranslations("dashboard.todos")`
 * with `t("title")` needs "dashboard.todos.title"; a key built at run time needs its namespace whole;
 * a bare `useTranslations()` called with an action's answer (`t(result.message)`) needs the
 * namespaces action answers name: "errors" and "validation".
 */
function keysUsed(text: string): string[] {
  const needs: string[] = [];
  const need = (key: string) => {
    if (key && topLevel.has(key.split(".")[0]!)) needs.push(key);
  };
  for (const [, name, namespace = ""] of text.matchAll(/(?:const|let)\s+(\w+)\s*=\s*useTranslations\(\s*(?:["']([\w.]+)["'])?\s*\)/g)) {
    for (const [, quote, literal = ""] of text.matchAll(new RegExp(`\\b${name}(?:\\.rich|\\.markup|\\.has)?\\(\\s*(["'\`])?([\\w.]*)`, "g"))) {
      // The literal part of the key, up to where a template literal's placeholder starts.
      const fixed = quote ? literal.replace(/\.?$/, "") : "";
      const first = fixed
        .split(".")
        .slice(0, namespace ? 1 : 2)
        .join(".");
      if (namespace) need(first && quote ? `${namespace}.${first}` : namespace);
      else if (first) need(first);
      else ["errors", "validation"].forEach(need);
    }
  }
  return needs;
}

/** The namespaces a route file's client components read: the files from each "use client" on. */
function clientKeysOf(entry: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string, inClient: boolean) => {
    if (seen.has(`${file} ${inClient}`)) return;
    seen.add(`${file} ${inClient}`);
    const text = read(file);
    // A server action is a reference in the browser, not code that renders.
    if (inClient && /^["']use server["']/m.test(text)) return;
    const isClient = inClient || /^["']use client["']/m.test(text);
    if (isClient && /^(app|components)\//.test(file)) out.set(file, keysUsed(text));
    for (const spec of valueImports(text)) {
      const target = resolve(file, spec);
      if (target) visit(target, isClient);
    }
  };
  visit(entry, false);
  return out;
}

/** What a file gives its client components through ClientMessages. */
const givenIn = (file: string) =>
  [...read(file).matchAll(/<ClientMessages[^>]*namespaces=\{\[([^\]]*)\]\}/g)].flatMap((m) => [...m[1]!.matchAll(/"([\w.]+)"/g)].map((n) => n[1]!));

/** The namespaces given above a route file: the layouts from app/ down to its folder, and itself. */
function givenTo(entry: string): string[] {
  const given = new Set(givenIn(entry));
  for (let dir = path.dirname(entry); dir.startsWith("app"); dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    if (fs.existsSync(path.join(root, layout))) givenIn(layout).forEach((n) => given.add(n));
  }
  return [...given];
}

const covers = (given: string[], key: string) => given.some((g) => key === g || key.startsWith(`${g}.`));

const routeFiles = files("app").filter((file) => /\/(page|layout|error|not-found|loading|template|default)\.tsx$/.test(file));

describe("the messages a page sends its client components", () => {
  it("give every route's client components each namespace they read", () => {
    expect(routeFiles.length).toBeGreaterThan(40);
    const missing = routeFiles.flatMap((entry) => {
      const given = givenTo(entry);
      return [...clientKeysOf(entry)].flatMap(([file, keys]) => keys.filter((key) => !covers(given, key)).map((key) => `${entry}: ${file} reads ${key}`));
    });
    expect([...new Set(missing)]).toEqual([]);
  });

  it("leave other pages' namespaces out: the list, the datasheet and home carry a part of the catalog", () => {
    const size = (namespaces: string[]) => JSON.stringify(pickMessages(catalogFor("en"), namespaces)).length;
    const whole = JSON.stringify(catalogFor("en")).length;
    for (const page of ["app/(app)/modules/[moduleId]/page.tsx", "app/(app)/datasheets/[id]/page.tsx", "app/(app)/page.tsx"]) {
      const given = givenTo(page);
      expect(given, page).not.toContain("import");
      expect(given, page).not.toContain("automations");
      expect(size(given), page).toBeLessThan(whole / 2);
    }
  });

  it("reads the keys a client file uses, down to a namespace's part", () => {
    const source = `
      const t = useTranslations("dashboard.todos");
      const td = useTranslations("dashboard");
      const tAll = useTranslations();
      t("doneNote", { x }); td("myDay"); td(\`sections.\${s}\`); tAll("users.familyName"); tAll(result.message); td(key);`;
    expect(keysUsed(source).sort()).toEqual([
      "dashboard",
      "dashboard.myDay",
      "dashboard.sections",
      "dashboard.todos.doneNote",
      "errors",
      "users.familyName",
      "validation",
    ]);
  });
});

describe("pickMessages and mergeMessages", () => {
  const catalog = {
    common: { save: "Save", cancel: "Cancel" },
    dashboard: { myDay: "My day", todos: { title: "Todos" }, team: "Team" },
    errors: { x: ["compiled"] },
  };

  it("picks whole namespaces and parts of one, and skips unknown ones", () => {
    expect(pickMessages(catalog, ["common", "dashboard.todos", "dashboard.myDay", "nope"])).toEqual({
      common: { save: "Save", cancel: "Cancel" },
      dashboard: { todos: { title: "Todos" }, myDay: "My day" },
    });
  });

  it("merges a nested scope's parts into its parent's without losing either", () => {
    const above = pickMessages(catalog, ["common", "dashboard.myDay"]);
    expect(mergeMessages(above, pickMessages(catalog, ["dashboard.todos", "errors"]))).toEqual({
      common: catalog.common,
      dashboard: { myDay: "My day", todos: { title: "Todos" } },
      errors: { x: ["compiled"] },
    });
  });
});
