import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The import rules of ARCHITECTURE.md, read from the source. */

const root = path.resolve(import.meta.dirname, "../../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
/** Import specifiers that bring values (type-only imports vanish at build). */
const valueImports = (text: string) => [...text.matchAll(/^import\s+(?!type\s)(?:[^"']*?\sfrom\s+)?["']([^"']+)["']/gm)].map((m) => m[1]!);

describe("the layers", () => {
  it("db/ imports nothing from lib/ or app/ (the schema layer does not reach up into services)", () => {
    const offenders = sourceFiles("db").filter((file) => valueImports(read(file)).some((spec) => /^(@\/(lib|app)\/|\.\.\/(\.\.\/)?(lib|app)\/)/.test(spec)));
    expect(offenders).toEqual([]);
  });

  it("every lib/ module that reaches the database is server-only, so a client import fails the build", () => {
    const touchesDb = (text: string) => valueImports(text).some((spec) => spec === "drizzle-orm" || spec === "@/db/client" || spec === "@/db/schema");
    const files = sourceFiles("lib").filter((file) => touchesDb(read(file)));
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((file) => !/^import "server-only";/m.test(read(file)))).toEqual([]);
  });

  it("app/ never writes SQL: no drizzle-orm or table imports in routes, pages and actions", () => {
    const offenders = sourceFiles("app").filter((file) => valueImports(read(file)).some((spec) => spec.startsWith("drizzle-orm") || spec === "@/db/schema"));
    expect(offenders).toEqual([]);
  });
});
