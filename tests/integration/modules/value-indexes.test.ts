import { sql, type SQL } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { createField } from "@/lib/modules/field-mutations";
import { createWorkspace } from "../../factories";
import { createDatasheets, createTestModule } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";

const DATASHEETS = 8_000;
const OPTIONS = 40;

/**
 * "Filter a list of 100,000 datasheets by a select or a date field uses an index": the typed
 * value rows (README, Architecture) are found through their (field, value) indexes, not by reading
 * every value of every datasheet.
 */
describeEachBackend("datasheet value indexes", ({ db }) => {
  let workspaceId = "";
  let moduleId = "";
  let selectFieldId = "";
  let dateFieldId = "";
  let numberFieldId = "";

  const planOf = async (query: SQL): Promise<string> => {
    const result = (await db().execute(sql`explain ${query}`)) as unknown as { rows: Record<string, string>[] };
    return result.rows.map((row) => Object.values(row).join(" ")).join("\n");
  };
  const filtered = (condition: SQL) => sql`
    select d.id from datasheets d
    where d.workspace_id = ${workspaceId} and d.module_id = ${moduleId}
      and exists (select 1 from datasheet_values v where v.datasheet_id = d.id and ${condition})`;

  beforeAll(async () => {
    const ws = await createWorkspace();
    workspaceId = ws.workspace.id;
    const config = await createTestModule(ws.actors.admin, "empty");
    moduleId = config.module.id;
    const options = Array.from({ length: OPTIONS }, (_, i) => `Segment ${i + 1}`);
    selectFieldId = (await createField(ws.actors.admin, moduleId, { label: "Segment", type: "single_select", options })).id;
    dateFieldId = (await createField(ws.actors.admin, moduleId, { label: "Next visit", type: "date" })).id;
    numberFieldId = (await createField(ws.actors.admin, moduleId, { label: "Employees", type: "number" })).id;
    await createDatasheets(workspaceId, { moduleId, statusId: config.groups[0]!.statuses[0]!.id }, DATASHEETS);

    // Set-based: every datasheet gets a segment, a date spread over ten years, and a number.
    await db().execute(sql`
      insert into datasheet_values (workspace_id, datasheet_id, field_id, ordinal, text_value, date_value, number_value)
      select d.workspace_id, d.id, f.field_id, 0,
             case when f.field_id = ${selectFieldId}::uuid then 'segment_' || (1 + n % ${OPTIONS}::int) end,
             case when f.field_id = ${dateFieldId}::uuid then date '2020-01-01' + (n % 3650) end,
             case when f.field_id = ${numberFieldId}::uuid then n % 500 end
      from (select id, workspace_id, (row_number() over (order by id))::int as n from datasheets where module_id = ${moduleId}) d
      cross join (values (${selectFieldId}::uuid), (${dateFieldId}::uuid), (${numberFieldId}::uuid)) as f(field_id)`);
    await db().execute(sql`analyze datasheets`);
    await db().execute(sql`analyze datasheet_values`);
  });

  it("holds the data the plans are about", async () => {
    const result = (await db().execute(
      sql`select count(*)::int as n from datasheet_values v join datasheets d on d.id = v.datasheet_id where d.module_id = ${moduleId}`,
    )) as unknown as { rows: { n: number }[] };
    expect(result.rows[0]!.n).toBe(DATASHEETS * 3);
  });

  it("finds datasheets by a select option through the text index", async () => {
    const plan = await planOf(filtered(sql`v.field_id = ${selectFieldId} and v.text_value = 'segment_7'`));
    expect(plan).toContain("datasheet_values_text_idx");
    expect(plan).not.toMatch(/Seq Scan on datasheet_values/);
  });

  it("finds datasheets holding any of several options (multi select filter) through the text index", async () => {
    const plan = await planOf(filtered(sql`v.field_id = ${selectFieldId} and v.text_value in ('segment_3', 'segment_9')`));
    expect(plan).toContain("datasheet_values_text_idx");
    expect(plan).not.toMatch(/Seq Scan on datasheet_values/);
  });

  it("finds datasheets by a date range through the date index", async () => {
    const plan = await planOf(
      filtered(sql`v.field_id = ${dateFieldId} and v.date_value between date '2024-03-01' and date '2024-03-07'`),
    );
    expect(plan).toContain("datasheet_values_date_idx");
    expect(plan).not.toMatch(/Seq Scan on datasheet_values/);
  });

  it("finds datasheets by a number range through the number index", async () => {
    const plan = await planOf(filtered(sql`v.field_id = ${numberFieldId} and v.number_value >= 495`));
    expect(plan).toContain("datasheet_values_number_idx");
    expect(plan).not.toMatch(/Seq Scan on datasheet_values/);
  });
});
