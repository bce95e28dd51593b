"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { DeferredProps } from "@/components/ui/deferred";
import { Dialog, DialogContent, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { NavLinks, type NavItem } from "./nav-links";

/** On a phone, the navigation opens in a dialog from the header's menu button. */
export default function NavMenu({ nav, workspaceName, trigger, defaultOpen }: { nav: NavItem[]; workspaceName: string } & DeferredProps) {
  const t = useTranslations("nav");
  const [isOpen, setOpen] = useState(defaultOpen);
  return (
    <Dialog open={isOpen} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent closeLabel={t("closeMenu")} aria-describedby={undefined}>
        <DialogTitle>{workspaceName}</DialogTitle>
        <nav aria-label={t("main")}>
          <NavLinks nav={nav} onNavigate={() => setOpen(false)} />
        </nav>
      </DialogContent>
    </Dialog>
  );
}
