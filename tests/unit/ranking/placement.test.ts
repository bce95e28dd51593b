import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConflictError } from "@/lib/errors";
import { MAX_RANK_LENGTH, placeAmong, type Ranked } from "@/lib/ranking/placement";
import { initialRanks, isValidRank } from "@/lib/ranking/rank";

const list = (n: number): Ranked[] => initialRanks(n).map((position, i) => ({ id: `id${i}`, position }));

/** The list after placing "new" with the result, in display order. */
function apply(siblings: Ranked[], result: ReturnType<typeof placeAmong>): Ranked[] {
  const base = result.rebalanced ?? siblings;
  return [...base, { id: "new", position: result.position }].sort((a, b) =>
    a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1,
  );
}

describe("placeAmong", () => {
  it("places after `afterId`, before `beforeId`, or at the end", () => {
    const siblings = list(3);
    expect(apply(siblings, placeAmong(siblings, { afterId: "id0" })).map((r) => r.id)).toEqual(["id0", "new", "id1", "id2"]);
    expect(apply(siblings, placeAmong(siblings, { beforeId: "id0" })).map((r) => r.id)).toEqual(["new", "id0", "id1", "id2"]);
    expect(apply(siblings, placeAmong(siblings, { afterId: "id1", beforeId: "id2" })).map((r) => r.id)).toEqual([
      "id0",
      "id1",
      "new",
      "id2",
    ]);
    expect(apply(siblings, placeAmong(siblings, {})).map((r) => r.id)).toEqual(["id0", "id1", "id2", "new"]);
    expect(placeAmong([], {}).position).toBe("V");
  });

  it("moves only the item while ranks stay short", () => {
    expect(placeAmong(list(5), { afterId: "id2" }).rebalanced).toBeNull();
  });

  it("answers orderChanged when the neighbours the user saw are gone or no longer adjacent", () => {
    const siblings = list(4);
    const conflict = (placement: Parameters<typeof placeAmong>[1]) => {
      try {
        placeAmong(siblings, placement);
      } catch (error) {
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError).code).toBe("orderChanged");
        return;
      }
      throw new Error("expected a conflict");
    };
    conflict({ afterId: "gone" });
    conflict({ beforeId: "gone" });
    conflict({ afterId: "id0", beforeId: "id2" });
    conflict({ afterId: "id3", beforeId: "id0" });
  });

  it("rebalances a list with equal ranks (ties from concurrent inserts) and keeps its order", () => {
    const siblings = [
      { id: "a", position: "V" },
      { id: "b", position: "V" },
      { id: "c", position: "k" },
    ];
    const result = placeAmong(siblings, { afterId: "a", beforeId: "b" });
    expect(result.rebalanced).not.toBeNull();
    expect(apply(siblings, result).map((r) => r.id)).toEqual(["a", "new", "b", "c"]);
  });

  it("rebalances instead of growing a rank past the limit", () => {
    let siblings = list(2);
    // Always between the first two: the rank grows by a digit every few moves.
    for (let i = 0; i < 200; i++) {
      const result = placeAmong(siblings, { afterId: siblings[0]!.id, beforeId: siblings[1]!.id });
      expect(result.position.length).toBeLessThanOrEqual(MAX_RANK_LENGTH);
      siblings = apply(siblings, result).map((r) => (r.id === "new" ? { ...r, id: `n${i}` } : r));
      expect(siblings[1]!.id).toBe(`n${i}`);
    }
    expect(siblings).toHaveLength(202);
  });

  it("always yields a valid strict order, whatever the drops", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 150 }), (drops) => {
        let items: Ranked[] = [];
        drops.forEach(([pick, byBefore], n) => {
          const index = pick % (items.length + 1);
          // The screen names the item above, or the one below (at the top, only that one exists).
          const above = items[index - 1]?.id;
          const below = items[index]?.id;
          const placement = byBefore || !above ? { beforeId: below } : { afterId: above };
          const result = placeAmong(items, placement);
          const id = `x${n}`;
          const next = [...(result.rebalanced ?? items)];
          next.splice(index, 0, { id, position: result.position });
          items = next;
        });
        for (let i = 1; i < items.length; i++) expect(items[i - 1]!.position < items[i]!.position).toBe(true);
        expect(items.every((r) => isValidRank(r.position))).toBe(true);
      }),
    );
  });
});
