"use client";
import { useState } from "react";

/**
 * Local state for optimistic edits that follows the server's value whenever a revalidation brings
 * a new one; `reset` puts the server's value back after a failed action.
 */
export function useSyncedState<T>(server: T) {
  const [seen, setSeen] = useState(server);
  const [value, setValue] = useState(server);
  if (seen !== server) {
    setSeen(server);
    setValue(server);
  }
  return [value, setValue, () => setValue(server)] as const;
}

/** The neighbours of `index` in a list after a drop, as the move actions take them. */
export function neighboursAt<T extends { id: string }>(list: T[], index: number) {
  return { afterId: list[index - 1]?.id, beforeId: list[index + 1]?.id };
}

export function moveWithin<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}
