import "server-only";
import { sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { rowsOf } from "@/lib/db/sql";

/**
 * Whether the import that wrote a datasheet asked for its "entering a status" automations (SPEC §6:
 * imported clients get their status and events, but fire automations only when the user ticked
 * "run automations for imported clients"). Asked by the automations' runtime for a status change
 * the system recorded for an import; the latest import that created or updated the datasheet decides.
 */
export async function importRunsAutomations(conn: Conn, workspaceId: string, datasheetId: string): Promise<boolean> {
  const [row] = await rowsOf<{ run: boolean | null }>(
    conn,
    sql`select (i.settings->>'runAutomations')::boolean as run from import_rows r join imports i on i.id = r.import_id
      where r.datasheet_id = ${datasheetId} and r.workspace_id = ${workspaceId} and r.outcome in ('created', 'updated')
      order by i.created_at desc limit 1`,
  );
  return row?.run === true;
}
