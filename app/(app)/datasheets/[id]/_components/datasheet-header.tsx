"use client";
import { Ellipsis, Pencil } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { deferred, LoadSafely, useRetryableLazy } from "@/components/ui/deferred";
import type { DatasheetPage, Person } from "@/lib/datasheets/page";
import { trashDatasheetAction } from "../../actions";
import type { ModuleChoice } from "./add-to-module-dialog";
import { ResponsiblePicker, StatusPicker } from "./assignment-pickers";
import type { DatasheetMenuProps } from "./datasheet-menu";
import { usePageAction } from "./page-actions";
import { SalesPickers } from "./sales-pickers";
import { ActionError } from "./page-ui";

// The menu and the dialogs load when first opened; hovering or focusing the name fetches its form.
const DatasheetMenu = deferred<DatasheetMenuProps>(() => import("./datasheet-menu"), "menu");
const loadCompanyDialog = () => import("./company-dialog");
const loadAddToModuleDialog = () => import("./add-to-module-dialog");
const loadTrashDialog = () => import("./trash-dialog");
const preloadCompanyDialog = () => void loadCompanyDialog().catch(() => undefined);

/** Business name (opens the company form), status, responsible user, module, and the page's rarer actions. */
export function DatasheetHeader({ page, team, modules }: { page: DatasheetPage; team: Person[]; modules: ModuleChoice[] }) {
  const t = useTranslations("datasheet");
  const router = useRouter();
  const { run, error, isPending } = usePageAction();
  const [isCompanyOpen, setCompanyOpen] = useState(false);
  const [isTrashOpen, setTrashOpen] = useState(false);
  const [isAddOpen, setAddOpen] = useState(false);
  const tCommon = useTranslations("common");
  const company = useRetryableLazy(loadCompanyDialog);
  const addToModule = useRetryableLazy(loadAddToModuleDialog);
  const trash = useRetryableLazy(loadTrashDialog);
  const [loadError, setLoadError] = useState<string | null>(null);
  const open = (setOpen: (open: boolean) => void) => () => {
    setLoadError(null);
    setOpen(true);
  };
  const CompanyDialog = company.Component;
  const AddToModuleDialog = addToModule.Component;
  const TrashDialog = trash.Component;
  const { datasheet, business, module } = page;
  const taken = new Set([module.id, ...page.otherDatasheets.map((d) => d.moduleId)]);
  const freeModules = modules.filter((m) => !taken.has(m.id));
  return (
    <header className="space-y-3">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="text-xs text-muted-foreground">
            <Link href={`/modules/${module.id}`} className="underline-offset-4 hover:underline">
              {module.name}
            </Link>
            {page.otherDatasheets.length ? (
              <>
                {" · "}
                {t("alsoIn")}{" "}
                {page.otherDatasheets.map((d, i) => (
                  <span key={d.id}>
                    {i > 0 ? ", " : ""}
                    <Link href={`/datasheets/${d.id}`} className="underline underline-offset-4">
                      {d.moduleName}
                    </Link>
                  </span>
                ))}
              </>
            ) : null}
          </p>
          <h1 className="text-xl leading-7 font-semibold tracking-tight break-words">
            <button
              type="button"
              onClick={open(setCompanyOpen)}
              onPointerEnter={preloadCompanyDialog}
              onFocus={preloadCompanyDialog}
              className="group inline-flex items-center gap-2 rounded-md text-left outline-none hover:underline focus-visible:outline-2 focus-visible:outline-ring"
              aria-haspopup="dialog"
            >
              {business.name}
              <Pencil aria-hidden="true" className="size-4 shrink-0 text-muted-foreground opacity-60 group-hover:opacity-100" />
            </button>
          </h1>
        </div>
        <DatasheetMenu
          onEditCompany={open(setCompanyOpen)}
          onAddToModule={freeModules.length ? open(setAddOpen) : undefined}
          onTrash={open(setTrashOpen)}
          trigger={
            <Button variant="ghost" size="icon" aria-label={t("more")}>
              <Ellipsis aria-hidden="true" />
            </Button>
          }
        />
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <StatusPicker
          datasheetId={datasheet.id}
          version={datasheet.version}
          status={page.status}
          statuses={page.statuses}
          isAutomatic={module.isAutomatic}
          run={run}
          isPending={isPending}
        />
        {module.isAutomatic ? <SalesPickers datasheetId={datasheet.id} version={datasheet.version} fields={page.fields} run={run} isPending={isPending} /> : null}
        <span className="flex items-center gap-1 text-muted-foreground">
          {t("responsible")}
          <ResponsiblePicker
            datasheetId={datasheet.id}
            version={datasheet.version}
            responsibleUserId={datasheet.responsibleUserId}
            team={team}
            run={run}
            isPending={isPending}
          />
        </span>
      </div>
      <ActionError message={error ?? loadError} />
      <LoadSafely
        onError={() => {
          setCompanyOpen(false);
          setAddOpen(false);
          setTrashOpen(false);
          company.retry();
          addToModule.retry();
          trash.retry();
          setLoadError(tCommon("loadFailed"));
        }}
      >
        {isCompanyOpen ? <CompanyDialog datasheetId={datasheet.id} business={business} open onOpenChange={setCompanyOpen} /> : null}
        {isAddOpen && freeModules.length ? (
          <AddToModuleDialog datasheetId={datasheet.id} modules={freeModules} team={team} open onOpenChange={setAddOpen} />
        ) : null}
        {isTrashOpen ? (
          <TrashDialog
            businessName={business.name}
            moduleName={module.name}
            error={error}
            isPending={isPending}
            onOpenChange={setTrashOpen}
            onConfirm={() => run(trashDatasheetAction, { datasheetId: datasheet.id, version: datasheet.version }, () => router.push(`/modules/${module.id}`))}
          />
        ) : null}
      </LoadSafely>
    </header>
  );
}
