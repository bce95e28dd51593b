/**
 * Fractional ranks: a rank is a base-62 fraction 0.d₁d₂d₃… written as its digits ("V", "k3").
 * Between any two ranks there is always another one, so moving or inserting an item changes only
 * that item's row. Digits are in ASCII order and the database compares the column byte by byte
 * (COLLATE "C"), so string order is rank order. A rank never ends in "0": then "x" < "x0…" could
 * not hold an item before it.
 *
 * Lists are ordered by (position, id): two ranks that came out equal (say, inserted by two
 * processes that did not lock) still give every reader the same order.
 */
export const RANK_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE = RANK_DIGITS.length;
const RANK_PATTERN = /^[0-9A-Za-z]*[1-9A-Za-z]$/;

export function isValidRank(rank: string): boolean {
  return RANK_PATTERN.test(rank);
}

function digit(char: string | undefined): number {
  return char === undefined ? 0 : RANK_DIGITS.indexOf(char);
}

/** The fraction strictly between a ("" = 0) and b (null = 1); a < b, neither ends in "0". */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? "0") === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const low = a ? digit(a[0]) : 0;
  const high = b !== null ? digit(b[0]) : BASE;
  if (high - low > 1) return RANK_DIGITS[Math.round((low + high) / 2)]!;
  // Adjacent first digits: b's first digit alone is still above a, if b goes on after it.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return RANK_DIGITS[low]! + midpoint(a.slice(1), null);
}

/**
 * A rank strictly between `before` and `after`; null stands for the start or the end of the list.
 * Throws a RangeError for an invalid rank or when `before` is not below `after`.
 */
export function rankBetween(before: string | null, after: string | null): string {
  if (before !== null && !isValidRank(before)) throw new RangeError(`Invalid rank: ${before}`);
  if (after !== null && !isValidRank(after)) throw new RangeError(`Invalid rank: ${after}`);
  if (before !== null && after !== null && before >= after) {
    throw new RangeError(`No rank between ${before} and ${after}`);
  }
  return midpoint(before ?? "", after);
}

/** n ranks spread evenly over (0, 1), all of the same short length: a fresh list, or a rebalance. */
export function initialRanks(n: number): string[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Invalid count: ${n}`);
  let length = 1;
  while (BASE ** length <= n) length++;
  const space = BASE ** length;
  const ranks: string[] = [];
  for (let i = 1; i <= n; i++) {
    let value = Math.floor((i * space) / (n + 1));
    let digits = "";
    for (let d = 0; d < length; d++) {
      digits = RANK_DIGITS[value % BASE]! + digits;
      value = Math.floor(value / BASE);
    }
    ranks.push(digits.replace(/0+$/, ""));
  }
  return ranks;
}

/** Orders like the database: by rank, then by id. */
export function compareRanked(a: { position: string; id: string }, b: { position: string; id: string }): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
