"use client";
import { Activity, Boxes, Building2, ChartNoAxesColumn, Contact, History, Home, Inbox, KeyRound, Mail, Send, Trash2, Upload, Users, Workflow } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/ui/cn";

const icons = {
  home: Home,
  users: Users,
  apiKeys: KeyRound,
  jobs: Activity,
  modules: Boxes,
  mailbox: Inbox,
  clients: Contact,
  reports: ChartNoAxesColumn,
  automations: Workflow,
  emailTemplates: Mail,
  newsletters: Send,
  trash: Trash2,
  imports: Upload,
  importHistory: History,
  workspace: Building2,
} as const;
export type NavItem = { href: string; label: string; icon: keyof typeof icons };

function isCurrent(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  // Settings has several entries: /settings/jobs must not light up "Users" as well.
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ nav, onNavigate }: { nav: NavItem[]; onNavigate?: () => void }) {
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
              {/* A long module name stays on one line: the row keeps its height. */}
              <span className="min-w-0 truncate" title={item.label}>
                {item.label}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
