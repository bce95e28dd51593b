import type { ReactNode } from "react";
import { requireCapability } from "@/lib/auth/actor";

/** Settings exist only for admins; to anyone else the URL names nothing. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requireCapability("settings.manage");
  return children;
}
