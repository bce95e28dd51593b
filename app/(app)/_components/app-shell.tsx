"use client";
import { Menu } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { deferred } from "@/components/ui/deferred";
import { NavLinks, type NavItem } from "./nav-links";
import { NewClientButton, type NewClientOptions } from "./new-client";
import { UserMenu, type ShellUser } from "./user-menu";

export type { NavItem } from "./nav-links";

// The phone's navigation dialog loads when first opened.
const DeferredNavMenu = deferred<{ nav: NavItem[]; workspaceName: string }>(() => import("./nav-menu"), "dialog");

export function AppShell({
  nav,
  newClient,
  workspaceName,
  user,
  children,
}: {
  nav: NavItem[];
  /** New client, available on every page: in the sidebar on a desktop, in the header on a phone. */
  newClient: NewClientOptions;
  workspaceName: string;
  user: ShellUser;
  children: ReactNode;
}) {
  const t = useTranslations("nav");
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[15rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t("skipToContent")}
      </a>
      <aside className="sticky top-0 hidden h-dvh flex-col border-r border-border bg-sidebar md:flex">
        <div className="flex h-14 items-center px-4">
          <span className="truncate text-sm font-semibold" title={workspaceName}>
            {workspaceName}
          </span>
        </div>
        <div className="px-2">
          <NewClientButton options={newClient} triggerClassName="w-full" />
        </div>
        <nav aria-label={t("main")} className="flex-1 overflow-y-auto px-2 py-2">
          <NavLinks nav={nav} />
        </nav>
        <div className="border-t border-border p-2">
          <UserMenu user={user} variant="full" />
        </div>
      </aside>
      <header className="sticky top-0 z-40 flex h-14 items-center gap-2 border-b border-border bg-background px-2 md:hidden">
        <DeferredNavMenu
          nav={nav}
          workspaceName={workspaceName}
          trigger={
            <Button variant="ghost" size="icon" aria-label={t("openMenu")}>
              <Menu aria-hidden="true" />
            </Button>
          }
        />
        <span className="min-w-0 flex-1 truncate text-sm font-semibold">{workspaceName}</span>
        <NewClientButton options={newClient} compact />
        <UserMenu user={user} variant="compact" />
      </header>
      <main id="main" className="min-w-0 px-4 py-6 md:px-8 md:py-8">
        {children}
      </main>
    </div>
  );
}
