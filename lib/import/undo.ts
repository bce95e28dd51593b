import "server-only";
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { businesses, datasheets, importRows, imports } from "@/db/schema";
import { datasheetDeleted } from "@/inngest/events";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { commitDatasheets } from "@/lib/datasheets/commit";
import { DomainError, NotFoundError } from "@/lib/errors";
import { getImportOf } from "./context";
import { removeUpload } from "./files";
import { restoreUpdate, type UpdatePrevious } from "./update";

/*
 * Undo (SPEC §6): the datasheets the import created go to the trash (set-based, through the commit
 * point, with their `datasheet/deleted` events); those it updated get back what it replaced — unless
 * the business or the datasheet changed after the import, when they are listed and left alone.
 * By the user who undoes it, in pages of a thousand rows, each page one transaction.
 */

const PAGE = 1000;

export async function undoImport(db: Db, actor: UserActor, importId: string, now = new Date()) {
  assertCan(actor, "data.import");
  const started = await db.transaction(async (tx) => {
    const row = await getImportOf(tx, actor.workspaceId, importId, { lock: true });
    if (row.status !== "done" && row.status !== "failed") throw new DomainError(row.status === "undone" ? "importUndone" : "importRunning");
    return row;
  });
  const report = { changedSince: [] as { rowNumber: number; datasheetId: string; name: string }[], removed: 0, restored: 0 };
  let after = 0;
  for (;;) {
    const page = await db
      .select()
      .from(importRows)
      .where(and(eq(importRows.importId, started.id), inArray(importRows.outcome, ["created", "updated"]), gt(importRows.rowNumber, after)))
      .orderBy(asc(importRows.rowNumber))
      .limit(PAGE);
    if (!page.length) break;
    after = page.at(-1)!.rowNumber;
    await db.transaction(async (tx) => {
      const created = page.filter((r) => r.outcome === "created" && r.datasheetId).map((r) => r.datasheetId!);
      const live = created.length
        ? await tx
            .select({ id: datasheets.id, moduleId: datasheets.moduleId })
            .from(datasheets)
            .where(and(inArray(datasheets.id, created), eq(datasheets.workspaceId, actor.workspaceId), isNull(datasheets.deletedAt)))
            .orderBy(asc(datasheets.id))
            .for("update")
        : [];
      if (live.length) {
        const events = live.map((d) =>
          datasheetDeleted.create({ workspaceId: actor.workspaceId, moduleId: d.moduleId, datasheetId: d.id, actorUserId: actor.userId }),
        );
        await commitDatasheets(tx, actor, { ids: live.map((d) => d.id), events, set: { deletedAt: now } }, now);
        report.removed += live.length;
      }
      for (const r of page.filter((p) => p.outcome === "updated" && p.previous && p.datasheetId)) {
        const previous = r.previous as unknown as UpdatePrevious & { businessId: string };
        const match = { datasheetId: r.datasheetId!, businessId: previous.businessId };
        const isRestored = await tx
          .transaction((inner) => restoreUpdate(inner, actor, match, previous))
          .catch((error: unknown) => {
            if (error instanceof NotFoundError) return false;
            throw error;
          });
        if (isRestored) report.restored++;
        else {
          const [b] = await tx.select({ name: businesses.name }).from(businesses).where(eq(businesses.id, previous.businessId));
          report.changedSince.push({ rowNumber: r.rowNumber, datasheetId: r.datasheetId!, name: b?.name ?? "" });
        }
      }
    });
  }
  await db.update(imports).set({ status: "undone", undoneAt: now, undoneByUserId: actor.userId, undoReport: report }).where(eq(imports.id, started.id));
  removeUpload(started.id);
  return report;
}
