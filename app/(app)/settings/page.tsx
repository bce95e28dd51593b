import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

/** Settings open on Users for admins, on Import history for managers (their one settings page). */
export default async function SettingsPage() {
  const user = await requireUser();
  redirect(can(user, "settings.manage") ? "/settings/users" : "/settings/imports");
}
