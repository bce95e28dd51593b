import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { migrationsFolder } from "../config";
import { lockDataFolder } from "../lock";
import * as schema from "../schema";
import type { Connection, Db } from "./types";

/** The list's text search uses trigram indexes (migration 0002 creates the extension). */
export const pgliteExtensions = { pg_trgm };

type Queryable = Pick<PGlite, "query" | "exec">;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How long the embedded database may hold the event loop before it lets it turn (ms). */
export const TURN_AFTER_MS = 25;

/**
 * When the event loop last turned, as seen from the statements: a probe (one setImmediate, at most
 * one pending) notes each turn, so statements of short requests, between which the loop turns
 * anyway, never wait — only a run of statements that holds the loop longer than `afterMs` does.
 */
function loopWatch(afterMs: number) {
  let lastTurnAt = performance.now();
  let isProbePending = false;
  const probe = () => {
    isProbePending = false;
    lastTurnAt = performance.now();
  };
  return async () => {
    if (performance.now() - lastTurnAt >= afterMs) {
      await turn();
      lastTurnAt = performance.now();
    } else if (!isProbePending) {
      isProbePending = true;
      setImmediate(probe);
    }
  };
}

/**
 * PGlite as drizzle sees it, letting the event loop turn between statements once it has been held
 * for `TURN_AFTER_MS`. PGlite runs in the app's own thread and its queries resolve as microtasks,
 * so a transaction of many statements (an import batch, the daily checks, a bulk change) held the
 * event loop from its first statement to its commit — for seconds — and the app read no other
 * request meanwhile, not even one that needs no database (a reset keep-alive connection, stop 24).
 * Now the longest hold is about one slice plus one statement. Other requests' queries still wait
 * for the transaction: PGlite runs one at a time. A turn after every statement instead cost the
 * pages 5–15 % of their throughput under load (more requests half-done at once). Methods are called
 * on the real objects (their private fields), never through the proxy.
 */
function withTurns<T extends Queryable>(target: T, afterStatement: () => Promise<void>): T {
  return new Proxy(target, {
    get(object, property) {
      if (property === "query" || property === "exec") {
        const method = object[property] as (...args: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          try {
            return await method.apply(object, args);
          } finally {
            await afterStatement();
          }
        };
      }
      if (property === "transaction") {
        const transaction = (object as unknown as PGlite).transaction;
        return <R>(fn: (tx: Queryable) => Promise<R>) => transaction.call(object, (tx) => fn(withTurns(tx, afterStatement)));
      }
      const value = Reflect.get(object, property, object) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

export async function openPglite(
  options: { dataDir?: string; loadDataDir?: Blob | File; /** Tests: 0 turns after every statement. */ turnAfterMs?: number } = {},
): Promise<Connection & { client: PGlite }> {
  let release = () => {};
  let client: PGlite;
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    release = lockDataFolder(options.dataDir);
    try {
      client = await PGlite.create({ dataDir: path.join(options.dataDir, "pglite"), extensions: pgliteExtensions });
    } catch (error) {
      release();
      throw error;
    }
  } else {
    client = await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir, extensions: pgliteExtensions } : { extensions: pgliteExtensions });
  }
  const db = drizzle(withTurns(client, loopWatch(options.turnAfterMs ?? TURN_AFTER_MS)), { schema }) as unknown as Db;
  return {
    db,
    client,
    driver: "pglite",
    migrate: () => migrate(drizzle(client, { schema }), { migrationsFolder: migrationsFolder() }),
    async close() {
      await client.close();
      release();
    },
  };
}
