import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareRanked, initialRanks, isValidRank, RANK_DIGITS, rankBetween } from "@/lib/ranking/rank";

/** A valid rank: base-62 digits, not ending in "0". */
const rank = fc
  .tuple(fc.string({ unit: fc.constantFrom(...RANK_DIGITS), maxLength: 8 }), fc.constantFrom(...RANK_DIGITS.slice(1)))
  .map(([body, last]) => body + last);

const orderedPair = fc
  .tuple(rank, rank)
  .filter(([a, b]) => a !== b)
  .map(([a, b]): [string, string] => (a < b ? [a, b] : [b, a]));

describe("rankBetween", () => {
  it("starts a list in the middle of the range", () => {
    expect(rankBetween(null, null)).toBe("V");
  });

  it("finds a rank strictly between any two ranks, and it is valid", () => {
    fc.assert(
      fc.property(orderedPair, ([a, b]) => {
        const r = rankBetween(a, b);
        expect(isValidRank(r)).toBe(true);
        expect(a < r && r < b).toBe(true);
      }),
    );
  });

  it("goes before the first and after the last of a list", () => {
    fc.assert(
      fc.property(rank, (a) => {
        const before = rankBetween(null, a);
        const after = rankBetween(a, null);
        expect(isValidRank(before) && isValidRank(after)).toBe(true);
        expect(before < a && a < after).toBe(true);
      }),
    );
  });

  it("keeps working under repeated bisection toward one side", () => {
    let low: string | null = null;
    let high: string | null = null;
    for (let i = 0; i < 500; i++) {
      const mid = rankBetween(low, high);
      if (low !== null) expect(low < mid).toBe(true);
      if (high !== null) expect(mid < high).toBe(true);
      if (i % 2 === 0) high = mid;
      else low = mid;
    }
  });

  it("keeps a list in strict order through any sequence of inserts", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 200 }), (picks) => {
        const list: string[] = [];
        for (const pick of picks) {
          const index = pick % (list.length + 1);
          list.splice(index, 0, rankBetween(list[index - 1] ?? null, list[index] ?? null));
        }
        for (let i = 1; i < list.length; i++) expect(list[i - 1]! < list[i]!).toBe(true);
        expect(list.every(isValidRank)).toBe(true);
      }),
    );
  });

  it("refuses ranks out of order, equal ranks and invalid ranks", () => {
    expect(() => rankBetween("b", "a")).toThrow(RangeError);
    expect(() => rankBetween("a", "a")).toThrow(RangeError);
    expect(() => rankBetween("a0", null)).toThrow(RangeError);
    expect(() => rankBetween("", null)).toThrow(RangeError);
    expect(() => rankBetween(null, "a-b")).toThrow(RangeError);
  });

  it("orders like the database collation (byte order), digits before upper before lower case", () => {
    expect(["a", "B", "0z", "1"].sort()).toEqual(["0z", "1", "B", "a"]);
    expect(rankBetween("Z", "a") > "Z").toBe(true);
  });
});

describe("initialRanks", () => {
  it("gives n valid ranks in strict order, all short", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (n) => {
        const ranks = initialRanks(n);
        expect(ranks).toHaveLength(n);
        expect(ranks.every(isValidRank)).toBe(true);
        expect(ranks.every((r, i) => i === 0 || ranks[i - 1]! < r)).toBe(true);
        expect(ranks.every((r) => r.length <= 3)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("leaves room before, between and after", () => {
    const ranks = initialRanks(10);
    expect(() => rankBetween(null, ranks[0]!)).not.toThrow();
    expect(() => rankBetween(ranks[9]!, null)).not.toThrow();
    for (let i = 1; i < 10; i++) expect(() => rankBetween(ranks[i - 1]!, ranks[i]!)).not.toThrow();
  });
});

describe("compareRanked", () => {
  it("breaks ties between equal ranks by id, like ORDER BY position, id", () => {
    const items = [
      { id: "b", position: "V" },
      { id: "a", position: "V" },
      { id: "c", position: "A" },
    ];
    expect([...items].sort(compareRanked).map((i) => i.id)).toEqual(["c", "a", "b"]);
  });
});
