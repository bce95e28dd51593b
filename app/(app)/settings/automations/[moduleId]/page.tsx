import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Plus } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireCapability } from "@/lib/auth/actor";
import { getAutomationsPage, type AutomationsPage, type AutomationSummary } from "@/lib/automations/queries";
import { NotFoundError } from "@/lib/errors";
import { listModules } from "@/lib/modules/queries";
import { cn } from "@/lib/ui/cn";
import { RestoreButton } from "../_components/restore-button";

type Props = { params: Promise<{ moduleId: string }> };

async function load(moduleId: string): Promise<AutomationsPage> {
  const user = await requireCapability("settings.manage");
  try {
    return await getAutomationsPage(await getDb(), user, moduleId, user.locale);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("automations");
  const page = await load((await params).moduleId);
  return { title: `${t("title")} · ${page.module.name}` };
}

function scheduleTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

export default async function ModuleAutomationsPage({ params }: Props) {
  const { moduleId } = await params;
  const user = await requireCapability("settings.manage");
  const page = await load(moduleId);
  const modules = await listModules(user);
  const t = await getTranslations("automations");
  const live = page.automations.filter((a) => !a.deletedAt);
  const trashed = page.automations.filter((a) => a.deletedAt);

  function triggerText(a: AutomationSummary): string {
    if (a.trigger === "status_entered") {
      const status = page.statuses.find((s) => s.id === a.statusId);
      return status ? t("whenStatus", { status: status.name }) : t("noTrigger");
    }
    const view = page.views.find((v) => v.id === a.viewId);
    return view ? t("whenView", { view: view.name, time: scheduleTime(a.scheduleMinute) }) : t("noTrigger");
  }

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button isPrimaryAction asChild>
            <Link href={`/settings/automations/${moduleId}/new`}>
              <Plus aria-hidden="true" />
              {t("new")}
            </Link>
          </Button>
        }
      />
      <nav aria-label={t("modules")} className="flex gap-1 overflow-x-auto border-b border-border">
        {modules.map((m) => (
          <Link
            key={m.id}
            href={`/settings/automations/${m.id}`}
            aria-current={m.id === moduleId ? "page" : undefined}
            className={cn(
              "-mb-px inline-flex h-10 shrink-0 items-center border-b-2 border-transparent px-3 text-sm font-medium text-muted-foreground",
              "rounded-t-md outline-none hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring",
              m.id === moduleId && "border-primary text-foreground",
            )}
          >
            {m.name}
          </Link>
        ))}
      </nav>
      {live.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyText")} />
      ) : (
        <ul className="space-y-2" data-testid="automation-list">
          {live.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-3 rounded-lg border border-border bg-card p-3" data-testid="automation-row">
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  {a.name}
                  <Badge variant={a.isActive ? "success" : "neutral"}>{a.isActive ? t("active") : t("off")}</Badge>
                </p>
                <p className="text-sm text-muted-foreground">
                  {triggerText(a)} · {t("stepCount", { count: a.steps.length })}
                </p>
              </div>
              <Button variant="outline" size="sm" asChild>
                <Link href={`/settings/automations/${moduleId}/${a.id}`} aria-label={t("edit", { name: a.name })}>
                  {t("editShort")}
                </Link>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {trashed.length > 0 ? (
        <section aria-labelledby="automations-trash" className="space-y-2">
          <h2 id="automations-trash" className="text-sm font-semibold">
            {t("trashCount", { count: trashed.length })}
          </h2>
          <ul className="divide-y divide-border rounded-lg border border-border" data-testid="automation-trash">
            {trashed.map((a) => (
              <li key={a.id} className="flex items-center gap-2 px-3 py-2">
                <span className="min-w-0 flex-1 truncate text-sm">{a.name}</span>
                <RestoreButton automationId={a.id} name={a.name} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
