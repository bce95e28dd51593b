import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

/** Reports of the whole team: admins and managers (SPEC §2); to anyone else the URL names nothing. */
export default async function ReportsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  if (!can(user, "reports.team")) notFound();
  return children;
}
