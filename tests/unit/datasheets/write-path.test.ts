import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * The commit point (lib/datasheets/commit.ts) is the one place that writes a datasheet row: a
 * service that changes a datasheet or one of its facts hands the change to it. This reads the
 * source of everything that runs in the app — pages, actions, services, jobs — and fails when a
 * statement writing the `datasheets` table appears anywhere else, so a new service cannot bypass
 * the version bump, the derived columns, the status rule and the events. (The behaviour of each
 * service is held to the same in tests/integration/datasheets/write-path.test.ts.)
 */

const root = path.resolve(import.meta.dirname, "../../..");

/**
 * Where the datasheets table is written: the commit point, its status-change step, creation (at
 * version 0, then committed), and the trash's Delete forever and purge (rows of the trash deleted
 * for good: nothing is left to commit; moving to and from the trash goes through the commit point).
 */
const writers = new Set(["lib/datasheets/commit.ts", "lib/datasheets/status-changes.ts", "lib/datasheets/create.ts", "lib/datasheets/trash.ts"]);

const writes = [
  /\.(update|insert|delete)\(\s*datasheets\s*\)/,
  /\b(update|insert\s+into|delete\s+from)\s+(\$\{datasheets\}|"?datasheets"?)(\s|$)/i,
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

describe("one write path for datasheets", () => {
  const files = ["app", "lib", "inngest", "emails"].flatMap(sourceFiles);

  it("reads the app's source (the check would pass on nothing otherwise)", () => {
    expect(files).toContain("lib/datasheets/commit.ts");
    expect(files.length).toBeGreaterThan(100);
  });

  it("writes the datasheets table only at the commit point", () => {
    const offenders = files.filter((file) => {
      if (writers.has(file)) return false;
      const text = fs.readFileSync(path.join(root, file), "utf8");
      return writes.some((pattern) => pattern.test(text));
    });
    expect(offenders).toEqual([]);
  });

  it("records status changes only through the commit point", () => {
    const callers = files.filter((file) => file !== "lib/datasheets/commit.ts" && /recordStatusChanges\(/.test(fs.readFileSync(path.join(root, file), "utf8")));
    expect(callers).toEqual(["lib/datasheets/status-changes.ts"]);
  });

  it("would notice a service writing past it", () => {
    for (const sample of ["await tx.update(datasheets).set({ x: 1 })", "sql`update ${datasheets} d set x = 1`", "insert into datasheets (id) values (1)"]) {
      expect(writes.some((pattern) => pattern.test(sample)), sample).toBe(true);
    }
  });
});
