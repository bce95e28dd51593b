"use client";
import { MoreHorizontal, Users } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRunAction } from "@/components/forms/use-run-action";
import { Button } from "@/components/ui/button";
import { deferred } from "@/components/ui/deferred";
import { cn } from "@/lib/ui/cn";
import { deleteViewAction } from "../../actions";
import type { ViewOptionsMenuProps } from "./view-options-menu";

export interface ViewTab {
  id: string;
  name: string;
  href: string;
  isShared: boolean;
  canManage: boolean;
}

const tabClass = (isActive: boolean) =>
  cn(
    "-mb-px inline-flex h-10 shrink-0 items-center gap-1.5 border-b-2 border-transparent px-3 text-sm font-medium whitespace-nowrap text-muted-foreground",
    "rounded-t-md outline-none hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring",
    isActive && "border-primary text-foreground",
  );

// The view's menu (and its rename dialog) loads when first opened.
const ViewOptionsMenu = deferred<ViewOptionsMenuProps>(() => import("./view-options-menu"), "menu");

/** The module's views as tabs above the list; the active one can be renamed or deleted by who may. */
export function ViewTabs({ allHref, views, activeId }: { allHref: string; views: ViewTab[]; activeId: string | null }) {
  const t = useTranslations("views");
  const router = useRouter();
  const { run, error, isPending } = useRunAction();
  const active = views.find((v) => v.id === activeId) ?? null;

  return (
    <div className="space-y-2">
      <div className="flex items-end gap-2 border-b border-border">
        <nav aria-label={t("tabs")} className="flex min-w-0 flex-1 gap-1 overflow-x-auto">
          <Link href={allHref} aria-current={activeId === null ? "page" : undefined} className={tabClass(activeId === null)}>
            {t("all")}
          </Link>
          {views.map((view) => (
            <Link key={view.id} href={view.href} aria-current={view.id === activeId ? "page" : undefined} className={tabClass(view.id === activeId)}>
              {view.isShared ? <Users aria-label={t("shared")} className="size-3.5" /> : null}
              {view.name}
            </Link>
          ))}
        </nav>
        {active?.canManage ? (
          <ViewOptionsMenu
            view={active}
            onDelete={(view) => {
              if (!window.confirm(t("deleteConfirm", { name: view.name }))) return;
              run(deleteViewAction, { viewId: view.id }, { onOk: (data) => router.push(data.href) });
            }}
            trigger={
              <Button variant="ghost" size="icon" aria-label={t("options", { name: active.name })} disabled={isPending}>
                <MoreHorizontal aria-hidden="true" />
              </Button>
            }
          />
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-danger" data-testid="list-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
