import type { ReactNode } from "react";
import { requireCapability } from "@/lib/auth/actor";

/** Reports of the whole team: admins and managers (SPEC §2); to anyone else the URL names nothing. */
export default async function ReportsLayout({ children }: { children: ReactNode }) {
  await requireCapability("reports.team");
  return children;
}
