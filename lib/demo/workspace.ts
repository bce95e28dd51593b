import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, workspaces, type Role } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { UserActor } from "@/lib/auth/permissions";
import { seedDemoClients } from "./clients";
import { seedDemoSales } from "./sales";

export const DEMO_WORKSPACE = "Demo Bútor Kft.";
export const DEMO_PASSWORD = "crm-demo-2026";
export const demoUsers: { email: string; role: Role; familyName: string; givenName: string }[] = [
  { email: "admin@demo.test", role: "admin", familyName: "Kovács", givenName: "Anna" },
  { email: "manager@demo.test", role: "manager", familyName: "Nagy", givenName: "Péter" },
  { email: "normal@demo.test", role: "normal", familyName: "Szabó", givenName: "Eszter" },
  { email: "restricted@demo.test", role: "restricted", familyName: "Tóth", givenName: "Gábor" },
];

/** The demo workspace, created once on an empty database. Returns whether it was created now. */
export async function seedDemoWorkspace(db: Db): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [any] = await tx.select({ id: workspaces.id }).from(workspaces).limit(1);
    if (any) return false;
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: DEMO_WORKSPACE, locale: "en" })
      .returning({ id: workspaces.id });
    const created = await tx
      .insert(users)
      .values(demoUsers.map((u) => ({ ...u, workspaceId: workspace!.id, passwordHash })))
      .returning({ id: users.id, role: users.role });
    const actorOf = (role: Role): UserActor => ({ userId: created.find((u) => u.role === role)!.id, workspaceId: workspace!.id, role });
    const actors = { admin: actorOf("admin"), manager: actorOf("manager"), normal: actorOf("normal"), restricted: actorOf("restricted") };
    await seedDemoClients(tx, workspace!.id, actors);
    await seedDemoSales(tx, workspace!.id, actors);
    return true;
  });
}

export async function hasDemoWorkspace(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoUsers[0]!.email));
  return Boolean(row);
}

export function demoBanner(): string {
  const lines = demoUsers.map((u) => `    ${u.role.padEnd(11)} ${u.email}`);
  return [
    `  Demo workspace "${DEMO_WORKSPACE}" — password for every user: ${DEMO_PASSWORD}`,
    ...lines,
    "  (CRM_DEMO=0 turns the demo workspace off on a new data folder.)",
  ].join("\n");
}
