import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getNewClientOptions } from "@/lib/datasheets/new-client-options";
import { THEME_COOKIE, parseTheme } from "@/lib/ui/theme";
import { avatarUrl } from "@/lib/users/avatar-url";
import { formatName } from "@/lib/users/names";
import { cookies } from "next/headers";
import { ClientMessages } from "../_components/client-messages";
import { AppShell, type NavItem } from "./_components/app-shell";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations("nav");
  // Navigation lists only what exists and what this role may open.
  // New client offers the active modules in their order: the same ones the navigation lists, so
  // they are read once.
  const newClient = { ...(await getNewClientOptions(user)), currentUserId: user.userId, canImport: can(user, "data.import") };
  const nav: NavItem[] = [{ href: "/", label: t("home"), icon: "home" }];
  // Each active module's client list.
  for (const { id, name } of newClient.modules) nav.push({ href: `/modules/${id}`, label: name, icon: "clients" });
  // Everyone has a mailbox: the emails they sent or received (managers and admins: all).
  nav.push({ href: "/mailbox", label: t("mailbox"), icon: "mailbox" });
  // The team's reports: admins and managers (SPEC §2).
  if (can(user, "reports.team")) nav.push({ href: "/reports/funnel", label: t("reports"), icon: "reports" });
  // Import and its history: admins and managers (SPEC §2).
  if (can(user, "data.import")) nav.push({ href: "/imports", label: t("imports"), icon: "imports" });
  // Email campaigns: admins and managers (SPEC §2).
  if (can(user, "campaigns.manage")) nav.push({ href: "/newsletters", label: t("newsletters"), icon: "newsletters" });
  // Everyone has a trash: the whole workspace's for admins and managers, one's own for the others.
  nav.push({ href: "/trash", label: t("trash"), icon: "trash" });
  if (can(user, "settings.manage")) {
    nav.push({ href: "/settings/modules", label: t("modules"), icon: "modules" });
    nav.push({ href: "/settings/automations", label: t("automations"), icon: "automations" });
    nav.push({ href: "/settings/email-templates", label: t("emailTemplates"), icon: "emailTemplates" });
    nav.push({ href: "/settings/users", label: t("users"), icon: "users" });
    nav.push({ href: "/settings/api-keys", label: t("apiKeys"), icon: "apiKeys" });
    nav.push({ href: "/settings/jobs", label: t("jobs"), icon: "jobs" });
    nav.push({ href: "/settings/workspace", label: t("workspace"), icon: "workspace" });
  }
  // Settings → Import history: admins and managers (managers' one settings page).
  if (can(user, "data.import")) nav.push({ href: "/settings/imports", label: t("importHistory"), icon: "importHistory" });
  return (
    <ClientMessages namespaces={["nav", "newClient", "userMenu", "import.fromSpreadsheet"]}>
      <AppShell
        nav={nav}
        newClient={newClient}
        workspaceName={user.workspaceName}
        user={{
          name: formatName(user, user.locale),
          email: user.email,
          avatarUrl: avatarUrl(user.userId, user.avatarVersion),
          locale: user.locale,
          theme: parseTheme((await cookies()).get(THEME_COOKIE)?.value),
        }}
      >
        {children}
      </AppShell>
    </ClientMessages>
  );
}
