import "server-only";
import { count, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, workspaces } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { DomainError } from "@/lib/errors";
import type { CreateWorkspaceInput } from "@/lib/users/schemas";

export async function hasAnyWorkspace(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(workspaces);
  return (row?.n ?? 0) > 0;
}

/**
 * "Create your workspace": only while the installation has none. The advisory lock makes two
 * simultaneous submissions create one workspace, not two.
 */
export async function createFirstWorkspace(db: Db, input: CreateWorkspaceInput): Promise<{ workspaceId: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('crm:first-workspace'))`);
    const [existing] = await tx.select({ n: count() }).from(workspaces);
    if ((existing?.n ?? 0) > 0) throw new DomainError("workspaceExists");
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: input.companyName, locale: input.locale })
      .returning({ id: workspaces.id });
    const [admin] = await tx
      .insert(users)
      .values({
        workspaceId: workspace!.id,
        email: input.email,
        familyName: input.familyName,
        givenName: input.givenName,
        role: "admin",
        passwordHash,
      })
      .returning({ id: users.id });
    await recordAudit(tx, { userId: admin!.id, workspaceId: workspace!.id, role: "admin" }, {
      workspaceId: workspace!.id,
      action: "workspace.created",
      subjectId: workspace!.id,
    });
    return { workspaceId: workspace!.id };
  });
}
