"use client";
import { ChevronsUpDown, LogOut, UserRound } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { UserAvatar } from "@/components/ui/avatar";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/ui/cn";
import type { Theme } from "@/lib/ui/theme";
import { setOwnLocaleAction, setThemeAction, signOutAction } from "../actions";

export type ShellUser = { name: string; email: string; avatarUrl: string | null; locale: "en" | "hu"; theme: Theme };

export function UserMenu({ user, variant }: { user: ShellUser; variant: "full" | "compact" }) {
  const t = useTranslations("userMenu");
  const [, startTransition] = useTransition();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
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
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel>{user.name}</DropdownMenuLabel>
        <DropdownMenuItem asChild>
          <Link href="/profile">
            <UserRound aria-hidden="true" />
            {t("profile")}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>{t("language")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          value={user.locale}
          onValueChange={(locale) => startTransition(() => setOwnLocaleAction(locale))}
        >
          <DropdownMenuRadioItem value="en" lang="en">
            English
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="hu" lang="hu">
            Magyar
          </DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>{t("theme")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={user.theme} onValueChange={(theme) => startTransition(() => setThemeAction(theme))}>
          <DropdownMenuRadioItem value="system">{t("themeSystem")}</DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="light">{t("themeLight")}</DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="dark">{t("themeDark")}</DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => startTransition(() => signOutAction())} data-testid="sign-out">
          <LogOut aria-hidden="true" />
          {t("signOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
