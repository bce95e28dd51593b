import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db/drivers/types";
import { users, workspaces } from "@/db/schema";
import { DEMO_PASSWORD, demoUsers, seedDemoWorkspace } from "@/lib/demo/workspace";
import { attemptLogin } from "@/lib/auth/login";
import { DomainError } from "@/lib/errors";
import { createWorkspaceSchema } from "@/lib/users/schemas";
import { createFirstWorkspace, hasAnyWorkspace } from "@/lib/workspaces/setup";
import { openPgliteClone } from "../../support/db";

// These need an installation with no workspace at all, which the shared Postgres database never
// is: the file has its own PGlite clone, emptied before each test.
describe("first-run setup [pglite, empty]", () => {
  let connection: Connection | undefined;
  const emptyDatabase = async () => {
    connection ??= await openPgliteClone();
    await connection.db.execute(sql`truncate workspaces, users, audit_log, login_attempts, login_locks cascade`);
    return connection.db;
  };
  afterAll(async () => {
    await connection?.close();
  });

  const firstWorkspace = createWorkspaceSchema.parse({
    companyName: "Első Kft.",
    locale: "hu",
    familyName: "Első",
    givenName: "Admin",
    email: "First.Admin@Example.test",
    password: "first-admin-password",
  });

  it("creates the first workspace and its admin once, and refuses a second", async () => {
    const db = await emptyDatabase();
    expect(await hasAnyWorkspace(db)).toBe(false);

    const { workspaceId } = await createFirstWorkspace(db, firstWorkspace);
    expect(await hasAnyWorkspace(db)).toBe(true);
    expect(
      await db.select({ id: workspaces.id, name: workspaces.name, locale: workspaces.locale }).from(workspaces),
    ).toEqual([{ id: workspaceId, name: "Első Kft.", locale: "hu" }]);
    const login = await attemptLogin(db, {
      email: "first.admin@example.test",
      password: "first-admin-password",
      ip: "setup",
    });
    expect(login.ok).toBe(true);
    const admins = await db.select({ id: users.id, role: users.role, workspaceId: users.workspaceId }).from(users);
    expect(admins).toEqual([{ id: login.ok ? login.userId : "", role: "admin", workspaceId }]);

    const second = createFirstWorkspace(db, { ...firstWorkspace, email: "someone.else@example.test" });
    await expect(second).rejects.toBeInstanceOf(DomainError);
    await expect(second).rejects.toMatchObject({ code: "workspaceExists" });
    expect(await db.select({ id: workspaces.id }).from(workspaces)).toHaveLength(1);
    expect(await db.select({ id: users.id }).from(users)).toHaveLength(1);
  });

  it("creates one workspace when two first-run forms are submitted at once", async () => {
    const db = await emptyDatabase();
    const results = await Promise.allSettled([
      createFirstWorkspace(db, firstWorkspace),
      createFirstWorkspace(db, { ...firstWorkspace, email: "other.admin@example.test" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.select({ id: workspaces.id }).from(workspaces)).toHaveLength(1);
  });

  it("seeds the demo workspace on an empty database, once", async () => {
    const db = await emptyDatabase();
    expect(await seedDemoWorkspace(db)).toBe(true);

    const rows = await db.select({ email: users.email, role: users.role }).from(users);
    expect(rows.sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { email: "admin@demo.test", role: "admin" },
      { email: "manager@demo.test", role: "manager" },
      { email: "normal@demo.test", role: "normal" },
      { email: "restricted@demo.test", role: "restricted" },
    ]);
    for (const { email } of demoUsers) {
      expect(await attemptLogin(db, { email, password: "crm-demo-2026", ip: "demo" })).toMatchObject({ ok: true });
    }
    expect(DEMO_PASSWORD).toBe("crm-demo-2026");

    expect(await seedDemoWorkspace(db)).toBe(false);
    expect(await db.select({ id: workspaces.id }).from(workspaces)).toHaveLength(1);
    expect(await db.select({ id: users.id }).from(users)).toHaveLength(4);
  });
});
