import "server-only";
import { asc, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { fieldOptions, fields, modules, statuses, statusGroups } from "@/db/schema";
import { placeAmong, type Placement, type Ranked } from "@/lib/ranking/placement";

type RankedTable = typeof modules | typeof statusGroups | typeof statuses | typeof fields | typeof fieldOptions;

/** The list in display order: by rank, then id (ties from concurrent inserts stay deterministic). */
export async function siblingsOf(tx: Tx, table: RankedTable, where: SQL | undefined): Promise<Ranked[]> {
  return tx
    .select({ id: table.id, position: table.position })
    .from(table)
    .where(where)
    .orderBy(asc(table.position), asc(table.id));
}

/**
 * The rank for an item placed among `siblings` (without the item). When the list had to be
 * rebalanced, the siblings' new ranks are written here, in one statement; the caller writes the
 * item's own row.
 */
export async function placeInList(tx: Tx, table: RankedTable, siblings: Ranked[], placement: Placement): Promise<string> {
  const { position, rebalanced } = placeAmong(siblings, placement);
  if (rebalanced?.length) {
    const values = sql.join(
      rebalanced.map((r) => sql`(${r.id}::uuid, ${r.position})`),
      sql`, `,
    );
    await tx.execute(
      sql`update ${table} set position = v.position from (values ${values}) as v(id, position) where ${table.id} = v.id`,
    );
  }
  return position;
}

