/**
 * `npm run db:generate -- --datasheets 100000 [--workspace <id>] [--module-name <name>]`: fills a
 * workspace (the given one, else the demo workspace, else a new one) with a new manual sales
 * module and that many clients: realistic Hungarian and English business names, contact persons,
 * field values, open and done todos and history. Set-based SQL (one statement per table and
 * batch), then VACUUM ANALYZE. Works on DATABASE_URL or the embedded folder (CRM_DATA_DIR).
 */
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { openConnection, useConnection as setConnection, type Db } from "../db/client";
import type { Connection } from "../db/drivers/types";
import { createField } from "../lib/modules/field-mutations";
import { createModuleFromKind } from "../lib/modules/module-mutations";
import type { UserActor } from "../lib/auth/permissions";

const familyNames = ["Kovács", "Nagy", "Szabó", "Tóth", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas", "Balogh", "Papp", "Takács", "Juhász", "Lakatos", "Mészáros", "Oláh", "Simon", "Rácz", "Fekete", "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Green", "Hall", "Wood"];
const givenNames = ["Anna", "Péter", "Eszter", "Gábor", "Zsófia", "László", "Katalin", "István", "Judit", "Zoltán", "Réka", "Balázs", "Emma", "Oliver", "Sophie", "James", "Grace", "Daniel", "Lucy", "Thomas"];
const trades = ["Bútor", "Asztalos", "Építő", "Kereskedelmi", "Szolgáltató", "Pékség", "Nyomda", "Informatikai", "Autószerviz", "Kertészet", "Logistics", "Trading", "Design", "Consulting", "Software", "Foods", "Textil", "Fémipari", "Vendéglátó", "Optika"];
const suffixes = ["Kft.", "Kft.", "Kft.", "Bt.", "Zrt.", "Ltd.", "Kft.", "e.v."];
const cities = ["Budapest", "Debrecen", "Szeged", "Pécs", "Győr", "Miskolc", "Kecskemét", "Székesfehérvár", "Eger", "Sopron"];
const todoTexts = ["Visszahívni az ajánlat miatt", "Árajánlat küldése", "Call back about the quote", "Send the contract", "Bemutató egyeztetése", "Follow up on the invoice", "Helyszíni felmérés", "Check the delivery date"];
const notes = ["Érdeklődött a tölgy asztalok iránt.", "Asked for a discount on a larger order.", "Telefonon beszéltünk, jövő héten döntenek.", "Met at the trade fair; wants a catalogue.", "Új telephelyet nyitnak tavasszal.", "Prefers email over phone calls."];

const arr = (values: string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
/** One element of a text array, chosen by an expression (1-based index). */
const pick = (values: string[], index: ReturnType<typeof sql>) => sql`(${arr(values)})[1 + (${index}) % ${values.length}]`;

export interface GenerateOptions {
  datasheets: number;
  workspaceId?: string;
  moduleName?: string;
  log?: (line: string) => void;
}

export interface GenerateResult {
  workspaceId: string;
  moduleId: string;
  adminUserId: string;
  statusIds: string[];
}

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/** The workspace to fill, and an admin of it to act as (created when the workspace has none). */
async function chooseWorkspace(db: Db, workspaceId: string | undefined): Promise<UserActor> {
  let id = workspaceId;
  if (!id) {
    const [demo] = await rows<{ workspace_id: string }>(db, sql`select workspace_id from users where email = 'admin@demo.test'`);
    id = demo?.workspace_id;
  }
  if (!id) {
    const [created] = await rows<{ id: string }>(db, sql`insert into workspaces (name, locale) values ('Generált Kereskedelmi Kft.', 'hu') returning id`);
    id = created!.id;
  }
  const [admin] = await rows<{ id: string }>(
    db,
    sql`select id from users where workspace_id = ${id}::uuid and role = 'admin' and is_active order by created_at limit 1`,
  );
  if (admin) return { userId: admin.id, workspaceId: id, role: "admin" };
  const suffix = Math.random().toString(36).slice(2, 8);
  const [user] = await rows<{ id: string }>(
    db,
    sql`insert into users (workspace_id, email, family_name, given_name, role)
        select ${id}::uuid, 'admin-' || ${suffix} || '@generated.test', 'Kovács', 'Anna', 'admin'::user_role
        union all select ${id}::uuid, 'sales' || n || '-' || ${suffix} || '@generated.test', ${pick(familyNames, sql`n * 7`)}, ${pick(givenNames, sql`n * 3`)}, 'normal'::user_role
        from generate_series(1, 6) as n
        returning id`,
  );
  return { userId: user!.id, workspaceId: id, role: "admin" };
}

export async function generate(db: Db, options: GenerateOptions): Promise<GenerateResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const step = (label: string) => log(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const admin = await chooseWorkspace(db, options.workspaceId);
  const ws = admin.workspaceId;
  const { id: moduleId } = await createModuleFromKind(admin, { kind: "sales_manual", name: options.moduleName ?? "" });
  await createField(admin, moduleId, { label: "Segment", type: "single_select", options: ["Retail", "Wholesale", "Public sector", "Online"] });
  await createField(admin, moduleId, { label: "Employees", type: "number" });
  await createField(admin, moduleId, { label: "VIP", type: "checkbox" });
  step("module and fields");

  const statusIds = (await rows<{ id: string }>(db, sql`select s.id from statuses s join status_groups g on g.id = s.group_id where s.module_id = ${moduleId}::uuid order by g.position, s.position`)).map((r) => r.id);
  const userIds = (await rows<{ id: string }>(db, sql`select id from users where workspace_id = ${ws}::uuid and is_active`)).map((r) => r.id);
  const statusArray = sql`${`{${statusIds.join(",")}}`}::uuid[]`;
  const userArray = sql`${`{${userIds.join(",")}}`}::uuid[]`;

  // Each batch is one statement: its rows are made once (with their ids) and written to
  // businesses (search text included, so the trigram index takes inserts, not updates),
  // contacts and datasheets.
  const batch = 20_000;
  for (let from = 1; from <= options.datasheets; from += batch) {
    const to = Math.min(options.datasheets, from + batch - 1);
    await db.execute(sql`
      with src as materialized (
        select gen_random_uuid() as id, n,
          ${pick(familyNames, sql`n * 7919`)} || ' ' || ${pick(trades, sql`n * 104729`)} || ' ' || ${pick(suffixes, sql`n * 31`)} as name,
          'info' || n || '@' || ${pick(["diofa", "tolgy", "budabutor", "example", "acme", "kertesz", "nyomda", "optika"], sql`n * 13`)} || '.hu' as email,
          '+36 ' || (20 + n % 50) || ' ' || lpad(((n * 7907) % 10000000)::text, 7, '0') as phone,
          ${pick(cities, sql`n * 17`)} as city,
          lpad(((n * 9973) % 100000000)::text, 8, '0') || '-2-' || lpad((n % 100)::text, 2, '0') as tax_number,
          now() - (random() * interval '730 days') as created_at,
          ${pick(familyNames, sql`n * 37`)} || ' ' || ${pick(givenNames, sql`n * 11`)} as c1_name,
          ${pick(["ügyvezető", "beszerző", "office manager", "owner", "sales manager"], sql`n`)} as c1_position,
          'kapcsolat' || n || '@example.hu' as c1_email,
          '+36 30 ' || lpad(((n * 7717) % 10000000)::text, 7, '0') as c1_phone,
          n % 3 = 0 as has_second,
          ${pick(familyNames, sql`n * 53`)} || ' ' || ${pick(givenNames, sql`n * 29`)} as c2_name,
          'contact' || n || '@example.com' as c2_email
        from generate_series(${from}::bigint, ${to}::bigint) as n
      ),
      made as (
        insert into businesses (id, workspace_id, kind, name, email, phone, city, tax_number, created_at, updated_at, search_text)
        select id, ${ws}::uuid, 'company', name, email, phone, city, tax_number, created_at, created_at,
          lower(concat_ws(' ', name, email, phone, tax_number, c1_name, c1_email, c1_phone,
            case when has_second then c2_name || ' ' || c2_email end))
        from src
      ),
      people as (
        insert into contacts (workspace_id, business_id, name, position, email, phone, created_at, updated_at)
        select ${ws}::uuid, id, c1_name, c1_position, c1_email, c1_phone, created_at, created_at from src
        union all
        select ${ws}::uuid, id, c2_name, null, c2_email, null, created_at, created_at from src where has_second
      )
      insert into datasheets (workspace_id, module_id, business_id, business_name, status_id, responsible_user_id, last_contact_at, created_at, updated_at, status_changed_at)
      select ${ws}::uuid, ${moduleId}::uuid, src.id, src.name,
        (${statusArray})[1 + floor(random() * ${statusIds.length})::int],
        case when random() < 0.2 then null else (${userArray})[1 + floor(random() * ${userIds.length})::int] end,
        case when random() < 0.15 then null else src.created_at + random() * (now() - src.created_at) end,
        src.created_at, src.created_at, src.created_at
      from src`);
    step(`clients ${to}`);
  }
  const inModule = sql`select id, business_id, created_at, responsible_user_id from datasheets where module_id = ${moduleId}::uuid`;


  await db.execute(sql`
    insert into datasheet_values (workspace_id, datasheet_id, field_id, text_value, number_value, date_value, bool_value, currency)
    select ${ws}::uuid, d.id, f.id,
      case f.key when 'segment' then ${pick(["retail", "wholesale", "public_sector", "online"], sql`abs(hashtext(d.id::text))`)} end,
      case f.key when 'employees' then (1 + abs(hashtext(d.id::text)) % 500)::numeric
                 when 'deal_value' then (round(random() * 5000) * 1000)::numeric end,
      case f.key when 'expected_close_date' then (now() + (random() * 180 - 30) * interval '1 day')::date end,
      case f.key when 'vip' then random() < 0.1 end,
      case f.key when 'deal_value' then 'HUF' end
    from (${inModule}) d
    join fields f on f.module_id = ${moduleId}::uuid and f.key in ('segment', 'employees', 'vip', 'deal_value', 'expected_close_date')
    where random() < 0.8`);
  step("field values");

  // Done todos (some), then open todos (most), then history.
  await db.execute(sql`
    insert into todos (workspace_id, datasheet_id, text, due_at, assignee_user_id, created_by_user_id, done_at, done_by_user_id, created_at)
    select ${ws}::uuid, d.id, ${pick(todoTexts, sql`abs(hashtext(d.id::text)) + k`)},
      d.created_at + k * interval '3 days', d.responsible_user_id, d.responsible_user_id,
      d.created_at + k * interval '3 days', d.responsible_user_id, d.created_at
    from (${inModule}) d, generate_series(1, 2) as k
    where abs(hashtext(d.id::text || k)) % 3 = 0`);
  await db.execute(sql`
    insert into todos (workspace_id, datasheet_id, text, due_at, assignee_user_id, created_by_user_id, created_at)
    select ${ws}::uuid, d.id, ${pick(todoTexts, sql`abs(hashtext(d.id::text))`)},
      date_trunc('hour', now() + (random() * 40 - 10) * interval '1 day'), d.responsible_user_id, d.responsible_user_id, now()
    from (${inModule}) d
    where random() < 0.6`);
  await db.execute(sql`
    update datasheets d set next_todo_id = t.id, next_todo_due_at = t.due_at
    from (select distinct on (datasheet_id) datasheet_id, id, due_at from todos
          where workspace_id = ${ws}::uuid and done_at is null order by datasheet_id, due_at, id) t
    where t.datasheet_id = d.id and d.module_id = ${moduleId}::uuid`);
  step("todos");

  await db.execute(sql`
    insert into history_entries (workspace_id, datasheet_id, kind, body, occurred_at, author_user_id, todo_id, created_at)
    select ${ws}::uuid, t.datasheet_id, 'todo_done', t.text, t.done_at, t.done_by_user_id, t.id, t.done_at
    from todos t join datasheets d on d.id = t.datasheet_id
    where d.module_id = ${moduleId}::uuid and t.done_at is not null`);
  await db.execute(sql`
    insert into history_entries (workspace_id, datasheet_id, kind, body, occurred_at, author_user_id, created_at)
    select ${ws}::uuid, d.id,
      (array['note', 'call', 'meeting', 'email_sent']::history_kind[])[1 + abs(hashtext(d.id::text || k)) % 4],
      ${pick(notes, sql`abs(hashtext(d.id::text)) + k`)},
      coalesce(d.last_contact_at, d.created_at) - k * interval '5 days', d.responsible_user_id, now()
    from (select id, created_at, last_contact_at, responsible_user_id from datasheets where module_id = ${moduleId}::uuid) d,
      generate_series(0, 1) as k
    where d.last_contact_at is not null and (k = 0 or abs(hashtext(d.id::text)) % 2 = 0)`);
  step("history");

  // PGlite has no autovacuum: fresh statistics let the planner pick the list's indexes.
  await db.execute(sql`vacuum analyze`);
  step("vacuum analyze");
  return { workspaceId: ws, moduleId, adminUserId: admin.userId, statusIds };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const count = Number(argValue("datasheets") ?? "10000");
  if (!Number.isInteger(count) || count < 1 || count > 2_000_000) throw new Error("--datasheets takes a whole number between 1 and 2,000,000");
  const connection: Connection = await openConnection();
  setConnection(connection);
  try {
    await connection.migrate();
    const result = await generate(connection.db, {
      datasheets: count,
      workspaceId: argValue("workspace"),
      moduleName: argValue("module-name"),
      log: (line) => console.log(line),
    });
    console.log(`Generated ${count} datasheets in module ${result.moduleId} of workspace ${result.workspaceId} (${connection.driver}).`);
  } finally {
    await connection.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof Error ? error.message.split("\nparams:")[0] : error);
    process.exitCode = 1;
  }
}
