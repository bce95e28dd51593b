import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

/** Settings exist only for admins; to anyone else the URL names nothing. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  if (!can(user, "settings.manage")) notFound();
  return children;
}
