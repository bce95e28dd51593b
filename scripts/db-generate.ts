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
import { systemActor, type UserActor } from "../lib/auth/permissions";
import type { ContactInput } from "../lib/businesses/schemas";
import { commitDatasheets } from "../lib/datasheets/commit";
import { createClients, type NewClientRow } from "../lib/datasheets/create";

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

const DAY = 86_400_000;

/** A repeatable sequence of numbers in [0, 1) (mulberry32): the same count makes the same data. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

  // Clients come through the one batch creation path (lib/datasheets/create.ts), as the system:
  // businesses, contacts, datasheets, field values, first status changes and events, a few
  // statements per batch of 2,000.
  const system = systemActor(ws, "seed");
  const random = seededRandom(options.datasheets);
  const one = <T>(values: readonly T[], n: number) => values[Math.abs(n) % values.length]!;
  const now = new Date();
  const batch = 2_000;
  for (let from = 1; from <= options.datasheets; from += batch) {
    const to = Math.min(options.datasheets, from + batch - 1);
    const rows: NewClientRow[] = [];
    for (let n = from; n <= to; n++) {
      const createdAt = new Date(now.getTime() - random() * 730 * DAY);
      const contacts: ContactInput[] = [
        {
          name: `${one(familyNames, n * 37)} ${one(givenNames, n * 11)}`,
          position: one(["ügyvezető", "beszerző", "office manager", "owner", "sales manager"], n),
          email: `kapcsolat${n}@example.hu`,
          phone: `+36 30 ${String((n * 7717) % 10_000_000).padStart(7, "0")}`,
        },
      ];
      if (n % 3 === 0) contacts.push({ name: `${one(familyNames, n * 53)} ${one(givenNames, n * 29)}`, position: null, email: `contact${n}@example.com`, phone: null });
      const fields: Record<string, unknown> = {};
      if (random() < 0.8) fields.segment = one(["retail", "wholesale", "public_sector", "online"], n * 13);
      if (random() < 0.8) fields.employees = 1 + ((n * 7919) % 500);
      if (random() < 0.8) fields.vip = random() < 0.1;
      if (random() < 0.8) fields.deal_value = { amount: `${Math.round(random() * 5000) * 1000}.00`, currency: "HUF" };
      if (random() < 0.8) fields.expected_close_date = new Date(now.getTime() + (random() * 180 - 30) * DAY).toISOString().slice(0, 10);
      rows.push({
        business: {
          kind: "company",
          name: `${one(familyNames, n * 7919)} ${one(trades, n * 104729)} ${one(suffixes, n * 31)}`,
          email: `info${n}@${one(["diofa", "tolgy", "budabutor", "example", "acme", "kertesz", "nyomda", "optika"], n * 13)}.hu`,
          phone: `+36 ${20 + (n % 50)} ${String((n * 7907) % 10_000_000).padStart(7, "0")}`,
          taxNumber: `${String((n * 9973) % 100_000_000).padStart(8, "0")}-2-${String(n % 100).padStart(2, "0")}`,
          city: one(cities, n * 17),
        },
        contacts,
        moduleId,
        statusId: statusIds[Math.floor(random() * statusIds.length)]!,
        responsibleUserId: random() < 0.2 ? null : userIds[Math.floor(random() * userIds.length)]!,
        fields,
        createdAt,
      });
    }
    await createClients(db, system, rows, now);
    step(`clients ${to}`);
  }
  const inModule = sql`select id, business_id, created_at, responsible_user_id from datasheets where module_id = ${moduleId}::uuid`;

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
  step("todos");

  await db.execute(sql`
    insert into history_entries (workspace_id, datasheet_id, kind, body, occurred_at, author_user_id, todo_id, created_at)
    select ${ws}::uuid, t.datasheet_id, 'todo_done', t.text, t.done_at, t.done_by_user_id, t.id, t.done_at
    from todos t join datasheets d on d.id = t.datasheet_id
    where d.module_id = ${moduleId}::uuid and t.done_at is not null`);
  // Most clients were contacted at some time since they came; some once more, five days before.
  await db.execute(sql`
    insert into history_entries (workspace_id, datasheet_id, kind, body, occurred_at, author_user_id, created_at)
    select ${ws}::uuid, d.id,
      (array['note', 'call', 'meeting', 'email_sent']::history_kind[])[1 + abs(hashtext(d.id::text || k)) % 4],
      ${pick(notes, sql`abs(hashtext(d.id::text)) + k`)},
      d.contacted_at - k * interval '5 days', d.responsible_user_id, now()
    from (select id, responsible_user_id, created_at + random() * (now() - created_at) as contacted_at
          from datasheets where module_id = ${moduleId}::uuid and random() < 0.85) d,
      generate_series(0, 1) as k
    where k = 0 or abs(hashtext(d.id::text)) % 2 = 0`);
  step("history");

  // The generated activity went straight into its tables: the commit point derives what the
  // datasheets keep of it (next todo, last contact), batch by batch.
  const ids = (await rows<{ id: string }>(db, sql`select id from datasheets where module_id = ${moduleId}::uuid order by id`)).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 5_000) {
    await db.transaction((tx) => commitDatasheets(tx, system, { ids: ids.slice(i, i + 5_000) }, now));
  }
  // Generated clients are history, not news: no job should act on their creation events.
  await db.execute(sql`update outbox_events set dispatched_at = now() where workspace_id = ${ws}::uuid and dispatched_at is null and created_at >= ${now}`);
  step("derived columns");

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
