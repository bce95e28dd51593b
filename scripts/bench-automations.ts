/**
 * `automation_first_email_p50` / `_p95` (`npm run bench`): the time from a status change committed
 * to the first automation email stored, through the embedded runtime — the outbox event dispatched,
 * the automations/run job planning the steps and running the first one (the template merged and
 * rendered, the email stored). A new inquiry enters Awaiting processing in the automatic module,
 * whose default "New inquiry received" automation is activated.
 */
import { and, eq, sql } from "drizzle-orm";
import { useConnection as setConnection } from "../db/client";
import { openPglite } from "../db/drivers/pglite";
import { automations, emails } from "../db/schema";
import { runAutomations } from "../inngest/functions/run-automations";
import type { UserActor } from "../lib/auth/permissions";
import { activateAutomation } from "../lib/automations/mutations";
import { createClient } from "../lib/datasheets/create";
import { newClientSchema } from "../lib/datasheets/schemas";
import { EmbeddedRuntime } from "../lib/jobs/embedded-runtime";
import { createModuleFromKind } from "../lib/modules/module-mutations";

const CHANGES = Number(process.env.BENCH_AUTOMATION_CHANGES ?? 100);
const WARM_UP = 5;

type Figure = { name: string; value: number; unit: string };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchAutomations(report: (figure: Figure) => void): Promise<void> {
  const previous = process.env.AUTH_SECRET;
  process.env.AUTH_SECRET ??= "bench-automations-secret";
  const connection = await openPglite(); // in memory
  try {
    await connection.migrate();
    setConnection(connection);
    const db = connection.db;
    const made = (await db.execute(sql`insert into workspaces (name) values ('Bench Automations Kft.') returning id`)) as unknown as { rows: { id: string }[] };
    const workspaceId = made.rows[0]!.id;
    const inserted = (await db.execute(
      sql`insert into users (workspace_id, email, family_name, given_name, role) values (${workspaceId}::uuid, 'admin@bench-automations.test', 'Kovács', 'Anna', 'admin') returning id`,
    )) as unknown as { rows: { id: string }[] };
    const admin: UserActor = { userId: inserted.rows[0]!.id, workspaceId, role: "admin" };
    const { id: moduleId } = await createModuleFromKind(admin, { kind: "sales_auto", name: "Sales" });
    const [inquiry] = await db
      .select({ id: automations.id })
      .from(automations)
      .where(and(eq(automations.moduleId, moduleId), eq(automations.seedKey, "sales_auto.awaiting_processing")));
    await activateAutomation(db, admin, inquiry!.id);
    const runtime = new EmbeddedRuntime({ db, jobs: [runAutomations], logger: { warn: () => {}, error: console.error } });

    const times: number[] = [];
    for (let i = 0; i < CHANGES + WARM_UP; i++) {
      const input = newClientSchema.parse({
        business: { kind: "company", name: `Bench ${i} Kft.` },
        contacts: [{ name: `Contact ${i}`, email: `contact-${i}@bench.test` }],
        moduleId,
        responsibleUserId: admin.userId,
      });
      const { datasheetId } = await createClient(db, admin, input);
      const started = performance.now();
      for (;;) {
        await runtime.tick();
        const [email] = await db
          .select({ id: emails.id })
          .from(emails)
          .where(and(eq(emails.datasheetId, datasheetId), eq(emails.automationId, inquiry!.id)))
          .limit(1);
        if (email) break;
      }
      if (i >= WARM_UP) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    report({ name: "automation_first_email_p50", value: percentile(times, 50), unit: "ms" });
    report({ name: "automation_first_email_p95", value: percentile(times, 95), unit: "ms" });
  } finally {
    await connection.close();
    if (previous === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = previous;
  }
}

// `npx tsx --import ./scripts/server-only.mjs scripts/bench-automations.ts`: these figures alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  await benchAutomations((f) => console.log(JSON.stringify({ ...f, value: Math.round(f.value * 100) / 100 })));
}
