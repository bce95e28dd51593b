import { fileURLToPath } from "node:url";
import type { Role } from "@/db/schema";

/** The demo workspace seeded on a fresh data folder (lib/demo/workspace.ts). */
export const DEMO_PASSWORD = "crm-demo-2026";
export const demoUsers = {
  admin: { email: "admin@demo.test", familyName: "Kovács", givenName: "Anna" },
  manager: { email: "manager@demo.test", familyName: "Nagy", givenName: "Péter" },
  normal: { email: "normal@demo.test", familyName: "Szabó", givenName: "Eszter" },
  restricted: { email: "restricted@demo.test", familyName: "Tóth", givenName: "Gábor" },
} satisfies Record<Role, { email: string; familyName: string; givenName: string }>;

export const roles = Object.keys(demoUsers) as Role[];

/** Where the setup project keeps each role's signed-in browser state (gitignored). */
export function storageStateOf(role: Role): string {
  return fileURLToPath(new URL(`../.auth/${role}.json`, import.meta.url));
}

/** A browser state with no session: for the signed-out pages and for fresh sign-ins. */
export const signedOut = { cookies: [], origins: [] };

/** English order, as the demo workspace's default language shows names. */
export function englishName(person: { familyName: string; givenName: string }): string {
  return `${person.givenName} ${person.familyName}`;
}

export function hungarianName(person: { familyName: string; givenName: string }): string {
  return `${person.familyName} ${person.givenName}`;
}
