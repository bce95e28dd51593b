"use client";
import { Activity, Boxes, Contact, Home, Inbox, Menu, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { cn } from "@/lib/ui/cn";
import { NewClientDialog, type NewClientOptions } from "./new-client-dialog";
import { UserMenu, type ShellUser } from "./user-menu";

const icons = { home: Home, users: Users, jobs: Activity, modules: Boxes, mailbox: Inbox, clients: Contact } as const;
export type NavItem = { href: string; label: string; icon: keyof typeof icons };

function isCurrent(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  // Settings has several entries: /settings/jobs must not light up "Users" as well.
  return pathname === href || pathname.startsWith(`${href}/`);
}

function NavLinks({ nav, onNavigate }: { nav: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-0.5">
      {nav.map((item) => {
        const Icon = icons[item.icon];
        const current = isCurrent(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={current ? "page" : undefined}
              className={cn(
                "flex h-9 items-center gap-2.5 rounded-md px-2.5 text-sm font-medium text-sidebar-foreground pointer-coarse:h-11",
                "outline-none hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring",
                current && "bg-accent text-foreground",
              )}
            >
              <Icon aria-hidden="true" className="size-4 shrink-0" />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

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
  const [isMenuOpen, setMenuOpen] = useState(false);
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
          <NewClientDialog options={newClient} triggerClassName="w-full" />
        </div>
        <nav aria-label={t("main")} className="flex-1 overflow-y-auto px-2 py-2">
          <NavLinks nav={nav} />
        </nav>
        <div className="border-t border-border p-2">
          <UserMenu user={user} variant="full" />
        </div>
      </aside>
      <header className="sticky top-0 z-40 flex h-14 items-center gap-2 border-b border-border bg-background px-2 md:hidden">
        <Dialog open={isMenuOpen} onOpenChange={setMenuOpen}>
          <DialogTrigger asChild>
            <Button variant="ghost" size="icon" aria-label={t("openMenu")}>
              <Menu aria-hidden="true" />
            </Button>
          </DialogTrigger>
          <DialogContent closeLabel={t("closeMenu")} aria-describedby={undefined}>
            <DialogTitle>{workspaceName}</DialogTitle>
            <nav aria-label={t("main")}>
              <NavLinks nav={nav} onNavigate={() => setMenuOpen(false)} />
            </nav>
          </DialogContent>
        </Dialog>
        <span className="min-w-0 flex-1 truncate text-sm font-semibold">{workspaceName}</span>
        <NewClientDialog options={newClient} compact />
        <UserMenu user={user} variant="compact" />
      </header>
      <main id="main" className="min-w-0 px-4 py-6 md:px-8 md:py-8">
        {children}
      </main>
    </div>
  );
}
