"use client";
import { ChevronsUpDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { UserAvatar } from "@/components/ui/avatar";
import { deferred } from "@/components/ui/deferred";
import { cn } from "@/lib/ui/cn";
import type { Theme } from "@/lib/ui/theme";

export type ShellUser = { name: string; email: string; avatarUrl: string | null; locale: "en" | "hu"; theme: Theme };

// The menu (Radix, its positioning) loads when first opened: the shell is on every page.
const DeferredUserMenu = deferred<{ user: ShellUser }>(() => import("./user-menu-content"), "menu");

export function UserMenu({ user, variant }: { user: ShellUser; variant: "full" | "compact" }) {
  const t = useTranslations("userMenu");
  return (
    <DeferredUserMenu
      user={user}
      trigger={
        <button
          type="button"
          // The sidebar's trigger is named by the name and email it shows (WCAG 2.5.3: a label must
          // hold the visible text); the header's shows only the picture and needs a label.
          aria-label={variant === "compact" ? t("label", { name: user.name }) : undefined}
          data-testid="user-menu"
          className={cn(
            "flex items-center gap-2 rounded-md text-left outline-none hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring",
            variant === "full" ? "w-full p-2" : "p-1.5",
          )}
        >
          <UserAvatar name={user.name} src={user.avatarUrl} size={variant === "full" ? "md" : "sm"} decorative />
          {variant === "full" ? (
            <>
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm font-medium">{user.name}</span>
                <span className="block truncate text-xs text-muted-foreground">{user.email}</span>
              </span>
              <ChevronsUpDown aria-hidden="true" className="size-4 text-muted-foreground" />
            </>
          ) : null}
        </button>
      }
    />
  );
}
