import { asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { modules, statuses } from "@/db/schema";
import { ConflictError } from "@/lib/errors";
import { moveModule } from "@/lib/modules/module-mutations";
import { createStatus, moveStatus } from "@/lib/modules/status-mutations";
import { isValidRank } from "@/lib/ranking/rank";
import { createUser, actorOf, createWorkspace } from "../../factories";
import { createTestModule } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";

/**
 * Two admins reordering the same module at once. Every change in a module first locks the module
 * row, so on PostgreSQL (real concurrency; PGlite runs one transaction at a time) the changes
 * queue up instead of interleaving; a drop whose neighbours moved meanwhile is refused with
 * "orderChanged" rather than landing somewhere the admin did not mean.
 */
describeEachBackend("concurrent settings changes", ({ db }) => {
  async function moduleWithStatuses(count: number) {
    const ws = await createWorkspace();
    const secondAdmin = actorOf(await createUser(ws.workspace.id, { role: "admin" }));
    const config = await createTestModule(ws.actors.admin, "empty");
    const group = config.groups[0]!;
    for (let i = 2; i <= count; i++) await createStatus(ws.actors.admin, group.id, { name: `Step ${i}`, color: "#3b82f6" });
    const rows = () =>
      db()
        .select({ id: statuses.id, name: statuses.name, key: statuses.key, position: statuses.position })
        .from(statuses)
        .where(eq(statuses.groupId, group.id))
        .orderBy(asc(statuses.position), asc(statuses.id));
    return { ...ws, secondAdmin, config, group, rows };
  }

  const expectStrictOrder = (rows: { position: string }[]) => {
    expect(rows.every((r) => isValidRank(r.position))).toBe(true);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.position < rows[i]!.position).toBe(true);
  };

  it("two admins moving different statuses of the same module both land where they meant", async () => {
    const { actors, secondAdmin, group, rows } = await moduleWithStatuses(8);
    const seen = await rows();
    const id = (i: number) => seen[i]!.id;
    // Both look at the same screen: one drops the 1st status between the 5th and 6th, the other
    // the 2nd between the 7th and 8th.
    await Promise.all([
      moveStatus(actors.admin, id(0), { groupId: group.id, afterId: id(4), beforeId: id(5) }),
      moveStatus(secondAdmin, id(1), { groupId: group.id, afterId: id(6), beforeId: id(7) }),
    ]);
    const after = await rows();
    expect(after.map((r) => r.id)).toEqual([id(2), id(3), id(4), id(0), id(5), id(6), id(1), id(7)]);
    expectStrictOrder(after);
  });

  it("many simultaneous drops from stale screens: each lands or is refused as changed; none lost, no ties", async () => {
    const { actors, secondAdmin, group, rows } = await moduleWithStatuses(10);
    const seen = await rows();
    const admins = [actors.admin, secondAdmin];
    // Status i is dropped between two neighbours taken from the original screen.
    const results = await Promise.allSettled(
      seen.map((status, i) => {
        const after = seen[(i + 3) % seen.length]!;
        const before = seen[(i + 4) % seen.length]!;
        const placement = before.id === status.id || after.id === status.id ? {} : { afterId: after.id, beforeId: before.id };
        return moveStatus(admins[i % 2]!, status.id, { groupId: group.id, ...placement });
      }),
    );
    for (const result of results) {
      if (result.status === "rejected") {
        expect(result.reason).toBeInstanceOf(ConflictError);
        expect((result.reason as ConflictError).code).toBe("orderChanged");
      }
    }
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    const after = await rows();
    expect(after.map((r) => r.id).sort()).toEqual(seen.map((r) => r.id).sort());
    expectStrictOrder(after);
  });

  it("drops into the same gap at once: exactly one lands, the others are told the list changed", async () => {
    const { actors, secondAdmin, group, rows } = await moduleWithStatuses(8);
    const seen = await rows();
    const [first, second] = seen;
    const movers = seen.slice(2);
    const results = await Promise.allSettled(
      movers.map((status, i) =>
        moveStatus(i % 2 ? secondAdmin : actors.admin, status.id, { groupId: group.id, afterId: first!.id, beforeId: second!.id }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as ConflictError).code).toBe("orderChanged");
    }
    const after = await rows();
    expect(after).toHaveLength(8);
    expectStrictOrder(after);
    expect(after[0]!.id).toBe(first!.id);
    expect(after[2]!.id).toBe(second!.id);
  });

  it("simultaneous new statuses with the same name all get distinct keys and ranks", async () => {
    const { actors, secondAdmin, group, rows } = await moduleWithStatuses(1);
    const admins = [actors.admin, secondAdmin];
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createStatus(admins[i % 2]!, group.id, { name: "Follow-up", color: "#f59e0b" })),
    );
    expect(new Set(created.map((c) => c.key)).size).toBe(8);
    const after = await rows();
    expect(after).toHaveLength(9);
    expectStrictOrder(after);
  });

  it("simultaneous module reorders keep the list of modules a strict order", async () => {
    const { actors, secondAdmin, workspace } = await moduleWithStatuses(1);
    for (const name of ["B", "C", "D", "E"]) await createTestModule(actors.admin, "empty", name);
    const list = () =>
      db()
        .select({ id: modules.id, position: modules.position })
        .from(modules)
        .where(eq(modules.workspaceId, workspace.id))
        .orderBy(asc(modules.position), asc(modules.id));
    const seen = await list();
    const results = await Promise.allSettled(
      seen.map((m, i) => moveModule(i % 2 ? secondAdmin : actors.admin, m.id, i % 2 ? { beforeId: seen[0]!.id } : {})),
    );
    for (const result of results) if (result.status === "rejected") expect(result.reason).toBeInstanceOf(ConflictError);
    const after = await list();
    expect(after.map((m) => m.id).sort()).toEqual(seen.map((m) => m.id).sort());
    expectStrictOrder(after);
  });

  it("gives the list fresh short ranks when a drop would need a too long one", async () => {
    const { actors, group, rows } = await moduleWithStatuses(3);
    const [first, second, third] = await rows();
    // Ranks grown long by many drops into the same gap (as the unit tests show happening).
    const long = (last: string) => `V${"0".repeat(22)}${last}`;
    await db().update(statuses).set({ position: long("1") }).where(eq(statuses.id, first!.id));
    await db().update(statuses).set({ position: long("2") }).where(eq(statuses.id, second!.id));
    await moveStatus(actors.admin, third!.id, { groupId: group.id, afterId: first!.id, beforeId: second!.id });
    const after = await rows();
    expect(after.map((r) => r.id)).toEqual([first!.id, third!.id, second!.id]);
    expectStrictOrder(after);
    expect(after.every((r) => r.position.length === 1)).toBe(true);
  });
});
