"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While a newsletter is due or sending, the page reads its progress again every few seconds. */
export function ProgressRefresh({ isActive, everyMs = 3000 }: { isActive: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!isActive) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [isActive, everyMs, router]);
  return null;
}
