import "server-only";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { users, workspaces, type Role } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { UserActor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
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

/**
 * The demo workspace, created once on an empty database, in the given language: its modules,
 * statuses, fields and clients; its users have no language of their own (as a first
 * administrator), so they read the workspace's. Returns whether it was created now.
 */
export async function seedDemoWorkspace(db: Db, locale: Locale = "en"): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [any] = await tx.select({ id: workspaces.id }).from(workspaces).limit(1);
    if (any) return false;
    await createDemoWorkspace(tx, locale, passwordHash);
    return true;
  });
}

/** The demo workspace and its users, in the caller's transaction, beside whatever else the database holds. */
export async function createDemoWorkspace(tx: Tx, locale: Locale, passwordHash: string): Promise<{ workspaceId: string }> {
  const [workspace] = await tx.insert(workspaces).values({ name: DEMO_WORKSPACE, locale }).returning({ id: workspaces.id });
  const workspaceId = workspace!.id;
  const created = await tx
    .insert(users)
    .values(demoUsers.map((u) => ({ ...u, workspaceId, passwordHash })))
    .returning({ id: users.id, role: users.role });
  const actorOf = (role: Role): UserActor => ({ userId: created.find((u) => u.role === role)!.id, workspaceId, role });
  const actors = { admin: actorOf("admin"), manager: actorOf("manager"), normal: actorOf("normal"), restricted: actorOf("restricted") };
  await seedDemoClients(tx, workspaceId, locale, actors);
  await seedDemoSales(tx, workspaceId, locale, actors);
  return { workspaceId };
}

/** The demo workspace's language, or null when the installation has no demo workspace. */
export async function demoWorkspaceLocale(db: Db): Promise<Locale | null> {
  const [row] = await db
    .select({ locale: workspaces.locale })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(eq(users.email, demoUsers[0]!.email));
  return row?.locale ?? null;
}

const languageNames: Record<Locale, string> = { en: "English", hu: "Hungarian" };

export function demoBanner(locale: Locale): string {
  const lines = demoUsers.map((u) => `    ${u.role.padEnd(11)} ${u.email}`);
  return [
    `  Demo workspace "${DEMO_WORKSPACE}" (${languageNames[locale]}) — password for every user: ${DEMO_PASSWORD}`,
    ...lines,
    "  (On a new data folder, CRM_DEMO=0 turns the demo workspace off and CRM_DEMO_LOCALE=en or hu sets its language.)",
  ].join("\n");
}
