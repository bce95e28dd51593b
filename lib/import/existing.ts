import "server-only";
import { sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { rowsOf } from "@/lib/db/sql";
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
  const keysTable = sql`(select jsonb_array_elements_text(${JSON.stringify(wanted)}::jsonb) as k)`;
  // Each wanted key looked up through the (workspace, key) indexes: one index probe per row of the batch.
  const matches =
    key === "email"
      ? sql`select w.k, b.id as business_id from ${keysTable} w join businesses b on b.workspace_id = ${workspaceId} and lower(b.email) = w.k
          union all
          select w.k, c.business_id from ${keysTable} w join contacts c on c.workspace_id = ${workspaceId} and lower(c.email) = w.k`
      : key === "taxNumber"
        ? sql`select w.k, b.id as business_id from ${keysTable} w join businesses b
            on b.workspace_id = ${workspaceId} and b.tax_number is not null and upper(regexp_replace(b.tax_number, '[[:space:]-]', '', 'g')) = w.k`
        : sql`select w.k, b.id as business_id from ${keysTable} w join businesses b
            on b.workspace_id = ${workspaceId} and lower(regexp_replace(trim(b.name), '[[:space:]]+', ' ', 'g')) = w.k`;
  const rows = await rowsOf<{ k: string; datasheet_id: string; business_id: string }>(
    conn,
    sql`select distinct on (m.k) m.k, d.id as datasheet_id, d.business_id
      from (${matches}) m join datasheets d on d.business_id = m.business_id
      where d.workspace_id = ${workspaceId} and d.module_id = ${moduleId} and d.deleted_at is null
      order by m.k, d.created_at, d.id`,
  );
  return new Map(rows.map((r) => [r.k, { datasheetId: r.datasheet_id, businessId: r.business_id }]));
}
