import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

/**
 * Settings are admins' (settings.manage); managers reach one page in them, Import history
 * (data.import). To anyone else the URL names nothing. Each page checks its own capability too: a
 * layout's check is not enough, and this one lets managers through to the one page that is theirs.
 */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  if (!can(user, "settings.manage") && !can(user, "data.import")) notFound();
  return children;
}
