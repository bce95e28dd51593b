import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { amcheck } from "@electric-sql/pglite/contrib/amcheck";
import { describe, expect, it } from "vitest";
import { pgliteExtensions } from "@/db/drivers/pglite";
import { lockDataFolder } from "@/db/lock";
import { readEndpointFile } from "@/lib/backups/endpoint";
import { backupsDirOf } from "@/lib/backups/files";
import { systemScratch } from "./support/scratch";
import { apiOf, copyFolder, type ApiAnswer } from "./support/app";

/*
 * Issue 18, crash safety: the embedded default killed with SIGKILL in the middle of a stream of
 * writes (new clients, todos, status changes) and backups, then started again.
 */

const scratch = systemScratch("crm-crash");

interface Answered {
  id: string;
  name: string;
  email: string;
  status: string;
  todoId?: string;
  final?: { status: string; version: number };
}

type Datasheet = { id: string; version: number; status: { key: string } };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The emails automations sent, as "to|subject", read through the API a page at a time. */
async function automationEmails(api: ReturnType<typeof apiOf>): Promise<string[]> {
  const sent: string[] = [];
  let cursor: string | null = null;
  do {
    const page: ApiAnswer<{ data: { to: string; subject: string; automationId: string | null }[]; nextCursor: string | null }> = await api.get(
      `/emails?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(page.status).toBe(200);
    for (const email of page.body.data) if (email.automationId) sent.push(`${email.to}|${email.subject}`);
    cursor = page.body.nextCursor;
  } while (cursor);
  return sent;
}

/** What "New inquiry received" sends for a new client: a confirmation to the client, a note to its responsible user. */
const expectedEmails = (record: Answered) => [`${record.email}|We received your request`, `admin@demo.test|New inquiry: ${record.name}`];

/** Opens the folder as the app does (its lock held), with amcheck to verify its pages and indexes. */
async function openChecked(dir: string): Promise<{ client: PGlite; close: () => Promise<void> }> {
  const release = lockDataFolder(dir);
  const client = await PGlite.create({ dataDir: path.join(dir, "pglite"), extensions: { ...pgliteExtensions, amcheck } });
  return {
    client,
    close: async () => {
      await client.close();
      release();
    },
  };
}

describe("the embedded database killed mid-stream [system]", () => {
  it("keeps every change answered as saved, opens without repair, delivers each event's effect exactly once, and never leaves a half backup", async () => {
    const dir = copyFolder(scratch.template.dir, path.join(scratch.root, "crash"));
    let app = await scratch.start(dir);
    const api = apiOf(app, scratch.template.key);
    const endpoint = readEndpointFile(dir)!;
    const answered: Answered[] = [];
    let isKilled = false;

    // Three clients of the API, each making a client, giving it a todo and closing it as lost.
    const writer = async (w: number) => {
      for (let i = 0; !isKilled; i++) {
        try {
          const email = `crash-${w}-${i}@example.test`;
          const name = `Crash ${w}-${i} Kft.`;
          const created = await api.post<Datasheet>("/datasheets", {
            moduleId: scratch.template.moduleId,
            business: { name },
            contacts: [{ name: `Kontakt ${w}-${i}`, email }],
            responsibleUserId: scratch.template.adminId,
          });
          expect(created.status).toBe(201);
          const record: Answered = { id: created.body.id, name, email, status: created.body.status.key };
          answered.push(record);
          const todo = await api.post<{ id: string }>(`/datasheets/${record.id}/todos`, {
            text: "Call back",
            dueAt: new Date(Date.now() + 86_400_000).toISOString(),
          });
          expect(todo.status).toBe(201);
          record.todoId = todo.body.id;
          const lost = await api.patch<Datasheet>(`/datasheets/${record.id}`, { salesStatus: "closed_lost" });
          expect(lost.status).toBe(200);
          record.final = { status: lost.body.status.key, version: lost.body.version };
        } catch (error) {
          if (isKilled) return; // the request the kill cut off was never answered
          throw error;
        }
      }
    };
    // And backups through the running app meanwhile (db:backup's route).
    const backupTaker = async () => {
      while (!isKilled) {
        try {
          await (await fetch(endpoint.url, { method: "POST", headers: { authorization: `Bearer ${endpoint.token}` } })).arrayBuffer();
        } catch {
          if (isKilled) return;
        }
        await sleep(200);
      }
    };
    const streams = Promise.all([writer(0), writer(1), writer(2), backupTaker()]);
    while (answered.filter((a) => a.final).length < 12) await sleep(50);
    // From here on a request may be cut off: only what was answered before counts.
    isKilled = true;
    await app.kill("SIGKILL");
    await streams;
    expect(answered.length).toBeGreaterThanOrEqual(12);

    // Started again on the same folder: no repair, no manual step.
    app = await scratch.start(dir);
    const again = apiOf(app, scratch.template.key);
    for (const record of answered) {
      const { status, body } = await again.get<Datasheet>(`/datasheets/${record.id}`);
      expect(status).toBe(200);
      if (record.final) expect({ status: body.status.key, version: body.version }).toEqual(record.final);
    }

    // The jobs resume: every new inquiry's automation emails its client and its responsible user, once.
    const inquiries = answered.filter((a) => a.status === "awaiting_processing");
    expect(inquiries.length).toBe(answered.length);
    const deadline = Date.now() + 90_000;
    let missing = inquiries.flatMap(expectedEmails);
    while (missing.length && Date.now() < deadline) {
      const sent = new Set(await automationEmails(again));
      missing = missing.filter((email) => !sent.has(email));
      if (missing.length) await sleep(500);
    }
    expect(missing).toEqual([]);
    // …and once: nothing sent twice, also for the changes whose answer the kill cut off.
    const sent = await automationEmails(again);
    expect(sent.length).toBe(new Set(sent).size);
    await app.kill("SIGTERM");

    const { client, close } = await openChecked(dir);
    try {
      const count = async (text: string, params: unknown[] = []) => Number((await client.query<{ n: number }>(text, params)).rows[0]!.n);
      // Every todo answered as saved is there.
      const todoIds = answered.flatMap((a) => (a.todoId ? [a.todoId] : []));
      expect(await count("select count(*)::integer as n from todos where id = any($1::uuid[])", [todoIds])).toBe(todoIds.length);
      // Every status change was handed to the automations exactly once, and each run finished.
      expect(await count("select count(*)::integer as n from outbox_events where name = 'datasheet/status.changed' and dispatched_at is null")).toBe(0);
      expect(
        await count(`select count(*)::integer as n from outbox_events o where o.name = 'datasheet/status.changed'
          and (select count(*) from job_runs r where r.outbox_event_id = o.id and r.function_id = 'automations/run') <> 1`),
      ).toBe(0);
      expect(await count("select count(*)::integer as n from job_runs where status in ('running', 'failed')")).toBe(0);
      // No email twice in the database either (one per automation, recipient and subject — the subject names the client).
      expect(
        await count(`select count(*)::integer as n from (select 1 from emails where automation_id is not null
          group by automation_id, lower(to_address), subject having count(*) > 1) twice`),
      ).toBe(0);
      // Nothing half-written: every table's pages and every index verify.
      await client.exec("create extension if not exists amcheck");
      const corrupt = await client.query(`select c.relname, v.* from pg_class c join pg_namespace n on n.oid = c.relnamespace,
        lateral verify_heapam(c.oid) v where n.nspname = 'public' and c.relkind = 'r'`);
      expect(corrupt.rows).toEqual([]);
      const indexes = await client.query<{ oid: number }>(`select c.oid from pg_index i join pg_class c on c.oid = i.indexrelid
        join pg_am a on a.oid = c.relam join pg_namespace n on n.oid = c.relnamespace where a.amname = 'btree' and n.nspname = 'public'`);
      expect(indexes.rows.length).toBeGreaterThan(20);
      for (const { oid } of indexes.rows) await client.query("select bt_index_check($1::regclass, true)", [oid]);
    } finally {
      await close();
    }

    // A backup the kill cut short left nothing that looks like a backup; every one kept is whole.
    const kept = fs.readdirSync(backupsDirOf(dir));
    expect(kept.filter((name) => !/^crm-\d{8}T\d{6}Z\.tar\.gz$/.test(name))).toEqual([]);
    for (const name of kept) expect(() => gunzipSync(fs.readFileSync(path.join(backupsDirOf(dir), name)))).not.toThrow();
  });
});
