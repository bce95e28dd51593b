import "server-only";
import { sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { rowsOf, uuidArray } from "@/lib/db/sql";
import type { DuplicateKey } from "./targets";

export interface ExistingClient {
  datasheetId: string;
  businessId: string;
}

/**
 * The clients of a module that rows match, by lower-cased email (of the business or of a contact
 * person), tax number without separators, or name with its spaces folded — one statement for a
 * batch. The oldest datasheet wins when several match.
 */
export async function findExisting(
  conn: Conn,
  workspaceId: string,
  moduleId: string,
  key: DuplicateKey,
  values: readonly string[],
): Promise<Map<string, ExistingClient>> {
  const wanted = [...new Set(values)];
  if (!wanted.length) return new Map();
  // One text[] parameter: the planner hashes it, and the email lookups take the (workspace, lower(email)) indexes.
  const list = sql`${`{${wanted.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`}::text[]`;
  const matches =
    key === "email"
      ? sql`select lower(b.email) as k, b.id as business_id from businesses b where b.workspace_id = ${workspaceId} and lower(b.email) = any(${list})
          union all
          select lower(c.email), c.business_id from contacts c where c.workspace_id = ${workspaceId} and lower(c.email) = any(${list})`
      : key === "taxNumber"
        ? sql`select upper(regexp_replace(b.tax_number, '[[:space:]-]', '', 'g')) as k, b.id as business_id from businesses b
            where b.workspace_id = ${workspaceId} and b.tax_number is not null and upper(regexp_replace(b.tax_number, '[[:space:]-]', '', 'g')) = any(${list})`
        : sql`select lower(regexp_replace(trim(b.name), '[[:space:]]+', ' ', 'g')) as k, b.id as business_id from businesses b
            where b.workspace_id = ${workspaceId} and lower(regexp_replace(trim(b.name), '[[:space:]]+', ' ', 'g')) = any(${list})`;
  // Two statements, not a join: without fresh statistics (PGlite has no autovacuum) the planner
  // nests the join the wrong way round and a batch costs seconds.
  const found = await rowsOf<{ k: string; business_id: string }>(conn, matches);
  if (!found.length) return new Map();
  const sheets = await rowsOf<{ id: string; business_id: string }>(
    conn,
    sql`select d.id, d.business_id from datasheets d
      where d.business_id = any(${uuidArray([...new Set(found.map((f) => f.business_id))])}) and d.workspace_id = ${workspaceId}
        and d.module_id = ${moduleId} and d.deleted_at is null
      order by d.created_at desc, d.id desc`,
  );
  // The oldest datasheet of a business wins (the list is newest first: the last one set stays).
  const sheetOf = new Map(sheets.map((d) => [d.business_id, d.id]));
  const out = new Map<string, ExistingClient>();
  for (const f of found) {
    const datasheetId = sheetOf.get(f.business_id);
    if (datasheetId && !out.has(f.k)) out.set(f.k, { datasheetId, businessId: f.business_id });
  }
  return out;
}
