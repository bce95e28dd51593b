import "server-only";
import { and, asc, desc, eq, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { modules, views } from "@/db/schema";
import { assertCan, can, type UserActor } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { cleanName } from "@/lib/modules/validate";
import { rankBetween } from "@/lib/ranking/rank";
import { viewDefinitionSchema, type ViewDefinition } from "./filter";

/*
 * Views ("nézet"): a saved filter over a module's datasheets, personal (its owner's only) or
 * shared with the team (made by admins and managers: `views.shareWithTeam`). Everyone sees their
 * own and the shared ones; a personal view is renamed and removed by its owner, a shared one by
 * admins and managers. A view never widens what its reader may see: it is applied on top of the
 * reader's own visibility (lib/datasheets/access.ts).
 */

export interface ViewSummary {
  id: string;
  name: string;
  isShared: boolean;
  isOwn: boolean;
  /** Rename and delete: the owner of a personal view; admins and managers for a shared one. */
  canManage: boolean;
  definition: ViewDefinition;
  columns: string[] | null;
}

type ViewRow = typeof views.$inferSelect;

function canManage(actor: UserActor, view: Pick<ViewRow, "isShared" | "ownerUserId">): boolean {
  return view.isShared ? can(actor, "views.shareWithTeam") : view.ownerUserId === actor.userId;
}

function toSummary(actor: UserActor, row: ViewRow): ViewSummary {
  const parsed = viewDefinitionSchema.safeParse(row.filter);
  return {
    id: row.id,
    name: row.name,
    isShared: row.isShared,
    isOwn: row.ownerUserId === actor.userId,
    canManage: canManage(actor, row),
    // A filter stored by an older version that no longer parses shows as "everything" rather than failing the list.
    definition: parsed.success ? parsed.data : {},
    columns: row.columns,
  };
}

const visibleTo = (actor: UserActor) =>
  and(eq(views.workspaceId, actor.workspaceId), or(eq(views.isShared, true), eq(views.ownerUserId, actor.userId)));

/** The module's views the actor sees (shared ones and their own), in tab order. */
export async function listViews(actor: UserActor, moduleId: string): Promise<ViewSummary[]> {
  assertId(moduleId);
  const db = await getDb();
  const rows = await db
    .select()
    .from(views)
    .where(and(eq(views.moduleId, moduleId), visibleTo(actor)))
    .orderBy(asc(views.position), asc(views.id));
  return rows.map((row) => toSummary(actor, row));
}

/** One view the actor sees; someone else's personal view is "not found". */
export async function getView(actor: UserActor, viewId: string): Promise<ViewSummary & { moduleId: string }> {
  assertId(viewId);
  const db = await getDb();
  const [row] = await db.select().from(views).where(and(eq(views.id, viewId), visibleTo(actor)));
  if (!row) throw new NotFoundError();
  return { ...toSummary(actor, row), moduleId: row.moduleId };
}

export async function createView(
  actor: UserActor,
  input: { moduleId: string; name: string; isShared: boolean; definition: ViewDefinition; columns?: string[] | null },
): Promise<{ id: string }> {
  if (input.isShared) assertCan(actor, "views.shareWithTeam");
  assertId(input.moduleId);
  const name = cleanName(input.name, "name");
  const definition = viewDefinitionSchema.parse(input.definition);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [module] = await tx
      .select({ id: modules.id })
      .from(modules)
      .where(and(eq(modules.id, input.moduleId), eq(modules.workspaceId, actor.workspaceId)))
      .for("no key update"); // one new tab at a time per module: their ranks never collide
    if (!module) throw new NotFoundError();
    const [last] = await tx
      .select({ position: views.position })
      .from(views)
      .where(eq(views.moduleId, module.id))
      .orderBy(desc(views.position), desc(views.id))
      .limit(1);
    const [row] = await tx
      .insert(views)
      .values({
        workspaceId: actor.workspaceId,
        moduleId: module.id,
        ownerUserId: actor.userId,
        name,
        isShared: input.isShared,
        filter: definition,
        columns: input.columns ?? null,
        position: rankBetween(last?.position ?? null, null),
      })
      .returning({ id: views.id });
    return { id: row!.id };
  });
}

async function manageableView(actor: UserActor, viewId: string): Promise<ViewRow> {
  assertId(viewId);
  const db = await getDb();
  const [row] = await db.select().from(views).where(and(eq(views.id, viewId), visibleTo(actor)));
  if (!row) throw new NotFoundError();
  if (!canManage(actor, row)) throw new ForbiddenError();
  return row;
}

export async function renameView(actor: UserActor, viewId: string, newName: string): Promise<{ moduleId: string }> {
  const name = cleanName(newName, "name");
  const row = await manageableView(actor, viewId);
  const db = await getDb();
  await db.update(views).set({ name, updatedAt: new Date() }).where(eq(views.id, row.id));
  return { moduleId: row.moduleId };
}

export async function deleteView(actor: UserActor, viewId: string): Promise<{ moduleId: string }> {
  const row = await manageableView(actor, viewId);
  const db = await getDb();
  await db.delete(views).where(eq(views.id, row.id));
  return { moduleId: row.moduleId };
}
