import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { businesses, contacts, datasheets, modules, statuses, statusChanges, statusGroups, type Business } from "@/db/schema";
import { datasheetCreated } from "@/inngest/events";
import type { Actor } from "@/lib/auth/permissions";
import { refreshSearchText } from "@/lib/businesses/mutations";
import { DomainError, ValidationError } from "@/lib/errors";
import { emit } from "@/lib/jobs/outbox";
import { isUuid } from "@/lib/modules/validate";
import { getVisibleDatasheet } from "./access";
import { assertResponsible } from "./people";
import type { AddToModuleInput, NewClientInput } from "./schemas";

/** Where the automatic sales module puts a new datasheet until its rule runs (SPEC §3, a later issue). */
const AUTOMATIC_FIRST_STATUS = "awaiting_processing";

type Placement = { moduleId: string; statusId: string | null; responsibleUserId: string | null };

/**
 * The status a new datasheet starts in: in a manual module the chosen one (a status of that
 * module) or its first; in the automatic module always its first Sales status. The status row is
 * read `for share`, so removing it meanwhile waits for this transaction.
 */
async function initialStatus(tx: Tx, actor: Actor, placement: Placement) {
  if (!isUuid(placement.moduleId)) throw new ValidationError({ moduleId: "moduleInvalid" });
  const [module] = await tx
    .select()
    .from(modules)
    .where(and(eq(modules.id, placement.moduleId), eq(modules.workspaceId, actor.workspaceId)))
    .for("share");
  if (!module || module.archivedAt) throw new ValidationError({ moduleId: "moduleInvalid" });
  const isAutomatic = module.kind === "sales_auto";
  if (isAutomatic && placement.statusId) throw new ValidationError({ statusId: "statusAutomatic" });
  if (placement.statusId && !isUuid(placement.statusId)) throw new ValidationError({ statusId: "statusInvalid" });
  const [status] = await tx
    .select({ id: statuses.id, key: statuses.key })
    .from(statuses)
    .innerJoin(statusGroups, eq(statusGroups.id, statuses.groupId))
    .where(
      and(
        eq(statuses.moduleId, module.id),
        placement.statusId ? eq(statuses.id, placement.statusId) : undefined,
        isAutomatic ? eq(statuses.key, AUTOMATIC_FIRST_STATUS) : undefined,
      ),
    )
    .orderBy(asc(statusGroups.position), asc(statusGroups.id), asc(statuses.position), asc(statuses.id))
    .limit(1)
    .for("share", { of: statuses });
  if (!status) throw new ValidationError({ statusId: "statusInvalid" });
  return { module, status };
}

/** One datasheet of `business` in a module, its first status change and its event. */
async function insertDatasheet(tx: Tx, actor: Actor, business: Business, placement: Placement): Promise<{ id: string }> {
  const { module, status } = await initialStatus(tx, actor, placement);
  await assertResponsible(tx, actor, placement.responsibleUserId);
  const [row] = await tx
    .insert(datasheets)
    .values({
      workspaceId: actor.workspaceId,
      moduleId: module.id,
      businessId: business.id,
      businessName: business.name,
      statusId: status.id,
      statusReason: "created",
      responsibleUserId: placement.responsibleUserId,
      updatedByUserId: actor.userId,
    })
    .returning({ id: datasheets.id });
  const datasheetId = row!.id;
  await tx.insert(statusChanges).values({
    workspaceId: actor.workspaceId,
    datasheetId,
    moduleId: module.id,
    fromStatusId: null,
    toStatusId: status.id,
    fromKey: null,
    toKey: status.key,
    reason: "created",
    actorUserId: actor.userId,
  });
  await emit(
    tx,
    datasheetCreated.create({
      workspaceId: actor.workspaceId,
      moduleId: module.id,
      datasheetId,
      actorUserId: actor.userId,
      businessId: business.id,
      statusId: status.id,
    }),
  );
  return { id: datasheetId };
}

/**
 * New client: a business (company or person), its contact persons and its first datasheet in the
 * chosen module, status and responsible user, in one transaction. Every role may create clients;
 * a restricted user only for themselves or for nobody.
 */
export async function createClient(actor: Actor, input: NewClientInput): Promise<{ datasheetId: string; businessId: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [business] = await tx
      .insert(businesses)
      .values({ ...input.business, workspaceId: actor.workspaceId, updatedByUserId: actor.userId })
      .returning();
    if (input.contacts.length) {
      await tx.insert(contacts).values(input.contacts.map((c) => ({ ...c, workspaceId: actor.workspaceId, businessId: business!.id })));
    }
    await refreshSearchText(tx, business!.id);
    const { id } = await insertDatasheet(tx, actor, business!, input);
    return { datasheetId: id, businessId: business!.id };
  });
}

/** "Add to another module": a datasheet of the same business in a module where it has none yet. */
export async function addDatasheetToModule(actor: Actor, input: AddToModuleInput): Promise<{ datasheetId: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const source = await getVisibleDatasheet(tx, actor, input.datasheetId);
    const [business] = await tx.select().from(businesses).where(eq(businesses.id, source.businessId)).for("update");
    if (!isUuid(input.moduleId)) throw new ValidationError({ moduleId: "moduleInvalid" });
    const [existing] = await tx
      .select({ id: datasheets.id })
      .from(datasheets)
      .where(and(eq(datasheets.businessId, source.businessId), eq(datasheets.moduleId, input.moduleId), isNull(datasheets.deletedAt)))
      .limit(1);
    if (existing) throw new DomainError("alreadyInModule");
    return { datasheetId: (await insertDatasheet(tx, actor, business!, input)).id };
  });
}
