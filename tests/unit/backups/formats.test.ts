import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { formatOfContents, formatOfFileName } from "@/lib/backups/files";
import { portableSql } from "@/lib/backups/sql-dump";

describe("a backup's format", () => {
  it("is said by the file's name when one is written", () => {
    expect(formatOfFileName("/backups/crm.sql")).toBe("sql");
    expect(formatOfFileName("crm-20261203T014500Z.tar.gz")).toBe("datadir");
    expect(formatOfFileName("crm.TGZ")).toBe("datadir");
    expect(formatOfFileName("crm.dump")).toBeNull();
    expect(formatOfFileName("crm.sql.gz")).toBeNull();
  });

  it("is read from the contents when one is restored, whatever its name", () => {
    expect(formatOfContents(gzipSync(Buffer.from("anything")))).toBe("datadir");
    const tar = Buffer.alloc(512);
    tar.write("ustar", 257, "latin1");
    expect(formatOfContents(tar)).toBe("datadir");
    expect(formatOfContents(Buffer.from("-- CRM backup\nSET statement_timeout = 0;\n"))).toBe("sql");
    expect(formatOfContents(Buffer.from("name,email\nAnna,anna@example.test\n"))).toBeNull();
    expect(formatOfContents(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBeNull();
  });
});

describe("portableSql", () => {
  const dump = [
    "SET statement_timeout = 0;",
    "SET transaction_timeout = 0;",
    "CREATE TABLE public.workspaces (",
    "    id uuid NOT NULL",
    ");",
    "ALTER TABLE ONLY public.workspaces ALTER COLUMN id SET (pg_attver=26106720);",
    "ALTER TABLE ONLY public.workspaces ALTER COLUMN id SET DEFAULT gen_random_uuid();",
    "INSERT INTO public.notes VALUES ('SET transaction_timeout = 0;');",
    "",
  ].join("\n");
  const sql = portableSql(dump);

  it("says in its first lines how to load it, into PGlite and into PostgreSQL", () => {
    expect(sql.split("\n").slice(0, 3).join("\n")).toMatch(/^-- CRM backup[\s\S]*npm run db:restore[\s\S]*psql -v ON_ERROR_STOP=1/);
  });

  it("leaves PGlite's own column options out and keeps every other statement", () => {
    expect(sql).not.toContain("pg_attver");
    expect(sql).toContain("ALTER TABLE ONLY public.workspaces ALTER COLUMN id SET DEFAULT gen_random_uuid();");
    expect(sql).toContain("CREATE TABLE public.workspaces (\n    id uuid NOT NULL\n);");
  });

  it("sets a setting older servers do not know only on a server that knows it, and touches no data", () => {
    expect(sql).not.toMatch(/^SET transaction_timeout/m);
    expect(sql).toContain(
      "SELECT pg_catalog.set_config('transaction_timeout', '0', false) WHERE pg_catalog.current_setting('server_version_num')::integer >= 170000;",
    );
    expect(sql).toContain("SET statement_timeout = 0;");
    expect(sql).toContain("INSERT INTO public.notes VALUES ('SET transaction_timeout = 0;');");
  });
});
