import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "@/db/drivers/pglite";
import type { Connection } from "@/db/drivers/types";
import { rowsOf } from "@/lib/db/sql";

/**
 * The embedded database runs in the app's own thread, and its queries resolve as microtasks: a
 * transaction of many statements (an import batch, the daily checks) would hold the event loop from
 * its first statement to its commit, and the app would read no request meanwhile — not even one
 * that needs no database. The driver lets the event loop turn after every statement.
 */
describe("the embedded database's driver", () => {
  let connection: Connection;
  let everyStatement: Connection;
  beforeAll(async () => {
    connection = await openPglite();
    everyStatement = await openPglite({ turnAfterMs: 0 });
  });
  afterAll(async () => {
    await connection.close();
    await everyStatement.close();
  });

  /** How many times the event loop turned while `work` ran. */
  async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
    let turns = 0;
    let isDone = false;
    const tick = () => {
      if (isDone) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await work();
    isDone = true;
    return turns;
  }

  it("can let the event loop turn between every two statements of a transaction and outside one", async () => {
    const statements = 20;
    const inTransaction = await turnsDuring(() =>
      everyStatement.db.transaction(async (tx) => {
        for (let i = 0; i < statements; i++) await tx.execute(sql`select ${i}::int as i`);
        // A savepoint (a service composed into its caller's transaction) goes the same way.
        await tx.transaction(async (inner) => {
          for (let i = 0; i < statements; i++) await inner.execute(sql`select ${i}::int as i`);
        });
      }),
    );
    expect(inTransaction).toBeGreaterThanOrEqual(2 * statements);
    const alone = await turnsDuring(async () => {
      for (let i = 0; i < statements; i++) await everyStatement.db.execute(sql`select ${i}::int as i`);
    });
    expect(alone).toBeGreaterThanOrEqual(statements);
  });

  it("as the app runs it, turns once the loop has been held for a slice, not after every statement", async () => {
    // Quick statements (a page's few queries, a small change) go on without waiting…
    const quick = 40;
    const quickTurns = await turnsDuring(() =>
      connection.db.transaction(async (tx) => {
        for (let i = 0; i < quick; i++) await tx.execute(sql`select ${i}::int as i`);
      }),
    );
    expect(quickTurns).toBeLessThan(quick / 2);
    // …while statements that each hold the loop longer than a slice let it turn after each.
    const slow = 6;
    const slowTurns = await turnsDuring(() =>
      connection.db.transaction(async (tx) => {
        for (let i = 0; i < slow; i++) await tx.execute(sql`select count(*) from generate_series(1, 500000)`);
      }),
    );
    expect(slowTurns).toBeGreaterThanOrEqual(slow - 1);
  });

  it("still answers and rolls back as before", async () => {
    expect(await rowsOf(connection.db, sql`select 41 + 1 as answer`)).toEqual([{ answer: 42 }]);
    await connection.db.execute(sql`create temporary table turns_probe (n int)`);
    await expect(
      connection.db.transaction(async (tx) => {
        await tx.execute(sql`insert into turns_probe values (1)`);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await rowsOf(connection.db, sql`select count(*)::int as n from turns_probe`)).toEqual([{ n: 0 }]);
  });
});
