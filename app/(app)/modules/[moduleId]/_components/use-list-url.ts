"use client";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useTransition } from "react";
import type { ListFilter, ListSort } from "@/lib/views/filter";
import { listUrlParams } from "@/lib/views/url-format";

/**
 * Moves the list to another filter or sort by changing its URL (the one source of the table's
 * state); a new filter starts at the first page and leaves the view it came from.
 */
export function useListUrl(current: { filter: ListFilter; sort: ListSort }) {
  const router = useRouter();
  const pathname = usePathname();
  const [isNavigating, startTransition] = useTransition();
  const go = useCallback(
    (next: { filter?: ListFilter; sort?: ListSort }) => {
      const params = listUrlParams({ filter: next.filter ?? current.filter, sort: next.sort ?? current.sort });
      startTransition(() => router.push(params.size ? `${pathname}?${params}` : pathname));
    },
    [router, pathname, current.filter, current.sort],
  );
  return { go, isNavigating };
}
