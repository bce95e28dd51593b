import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNeon } from "@/db/drivers/neon";
import type { Connection } from "@/db/drivers/types";
import { useConnection } from "@/db/client";
import { auditLog, loginAttempts, loginLocks, users, workspaces } from "@/db/schema";
import { listUsers } from "@/lib/users/queries";
import { uniqueEmail } from "../../factories";
import { createDatabase, dropDatabase } from "../../support/postgres";
import { routeNeonThrough, startWsRelay, type WsRelay } from "../../support/ws-relay";

const serverUrl = process.env.TEST_DATABASE_URL;

// The Neon driver speaks PostgreSQL over a WebSocket: it needs a real server behind the relay, so
// it runs only when TEST_DATABASE_URL names one (PGlite has no wire protocol to relay to).
describe.runIf(Boolean(serverUrl))("Neon serverless driver through a WebSocket relay [postgres]", () => {
  let relay: WsRelay;
  let url: string;
  let connection: Connection;

  beforeAll(async () => {
    relay = await startWsRelay();
    routeNeonThrough(relay);
    url = await createDatabase(serverUrl!, "crm_it_neon");
    connection = openNeon(url);
    await connection.migrate();
  });

  afterAll(async () => {
    await connection?.close();
    await relay?.close();
    if (url) await dropDatabase(serverUrl!, url);
  });

  it("has run the real migrations, through the relay", async () => {
    expect(relay.connections).toBeGreaterThan(0);
    // Selecting every column of every table fails if a table or a column is missing.
    for (const table of [workspaces, users, loginAttempts, loginLocks, auditLog]) {
      expect(await connection.db.select().from(table).limit(1)).toEqual([]);
    }
  });

  it("commits a transaction that inserts a workspace and its user", async () => {
    const email = uniqueEmail("neon");
    const { workspaceId, userId } = await connection.db.transaction(async (tx) => {
      const [workspace] = await tx.insert(workspaces).values({ name: "Neon Kft." }).returning();
      const [user] = await tx
        .insert(users)
        .values({ workspaceId: workspace!.id, email, familyName: "Neon", givenName: "Nóra", role: "admin" })
        .returning();
      return { workspaceId: workspace!.id, userId: user!.id };
    });

    // Through the services too, which see the driver only as `getDb()`.
    useConnection(connection);
    const listed = await listUsers({ userId, workspaceId, role: "admin" });
    expect(listed.map((u) => [u.id, u.email])).toEqual([[userId, email]]);
  });

  it("rolls back a transaction that throws", async () => {
    const name = `Rolled back ${uniqueEmail("ws")}`;
    const failing = connection.db.transaction(async (tx) => {
      const [workspace] = await tx.insert(workspaces).values({ name }).returning();
      await tx.insert(users).values({
        workspaceId: workspace!.id,
        email: uniqueEmail("gone"),
        familyName: "X",
        givenName: "Y",
        role: "normal",
      });
      // Visible inside the transaction …
      expect(await tx.select().from(workspaces).where(eq(workspaces.name, name))).toHaveLength(1);
      throw new Error("abort");
    });
    await expect(failing).rejects.toThrow("abort");
    // … and gone after it.
    expect(await connection.db.select().from(workspaces).where(eq(workspaces.name, name))).toEqual([]);
  });
});
