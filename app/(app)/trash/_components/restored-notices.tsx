"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";

type Restored = { id: string; name: string };

const RestoredContext = createContext<(restored: Restored) => void>(() => {});

/** Tells the page a datasheet is back (its row leaves the refreshed list). */
export function useOnRestored() {
  return useContext(RestoredContext);
}

/**
 * The datasheets restored on this visit, each with a link to it: kept above the list, which the
 * restore refreshes without them.
 */
export function RestoredNotices({ children }: { children: ReactNode }) {
  const t = useTranslations("trash");
  const [restored, setRestored] = useState<Restored[]>([]);
  const onRestored = useCallback((r: Restored) => setRestored((all) => [r, ...all.filter((x) => x.id !== r.id)]), []);
  return (
    <RestoredContext.Provider value={onRestored}>
      <div role="status" className="space-y-2 empty:hidden" data-testid="restored">
        {restored.map((r) => (
          <Alert key={r.id} variant="success">
            {t("restored", { name: r.name })}{" "}
            <Link href={`/datasheets/${r.id}`} className="font-medium underline underline-offset-4">
              {t("openRestored", { name: r.name })}
            </Link>
          </Alert>
        ))}
      </div>
      {children}
    </RestoredContext.Provider>
  );
}
