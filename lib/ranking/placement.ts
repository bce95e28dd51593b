import { ConflictError } from "@/lib/errors";
import { initialRanks, isValidRank, rankBetween } from "./rank";

export interface Ranked {
  id: string;
  position: string;
}

/**
 * Where a dragged item lands, by its new neighbours as the user saw them: `afterId` is the item
 * now directly above it, `beforeId` the one directly below. Neither: the end of the list.
 */
export interface Placement {
  afterId?: string | null;
  beforeId?: string | null;
}

/** Past this length, the list gets fresh, short ranks instead of a longer one. */
export const MAX_RANK_LENGTH = 24;

export interface PlacementResult {
  position: string;
  /** New ranks for the siblings when the list had to be rebalanced; null when only the item moves. */
  rebalanced: Ranked[] | null;
}

/**
 * The rank for an item placed among `siblings` (in order, without the item itself). Neighbours
 * that are no longer where the user saw them — moved or removed by someone else meanwhile — are a
 * ConflictError ("orderChanged"): the screen reloads rather than placing the item somewhere else.
 */
export function placeAmong(siblings: readonly Ranked[], placement: Placement): PlacementResult {
  const indexOf = (id: string) => {
    const index = siblings.findIndex((s) => s.id === id);
    if (index < 0) throw new ConflictError("orderChanged");
    return index;
  };
  let index = siblings.length;
  if (placement.afterId) {
    index = indexOf(placement.afterId) + 1;
    if (placement.beforeId && siblings[index]?.id !== placement.beforeId) throw new ConflictError("orderChanged");
  } else if (placement.beforeId) {
    index = indexOf(placement.beforeId);
  }
  const before = siblings[index - 1]?.position ?? null;
  const after = siblings[index]?.position ?? null;
  const fits =
    (before === null || isValidRank(before)) &&
    (after === null || isValidRank(after)) &&
    (before === null || after === null || before < after);
  if (fits) {
    const position = rankBetween(before, after);
    if (position.length <= MAX_RANK_LENGTH) return { position, rebalanced: null };
  }
  // Equal or invalid neighbours, or ranks grown too long: give the whole list fresh ranks.
  const ranks = initialRanks(siblings.length + 1);
  return {
    position: ranks[index]!,
    rebalanced: siblings.map((s, i) => ({ id: s.id, position: ranks[i < index ? i : i + 1]! })),
  };
}
