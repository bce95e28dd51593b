import type { Metadata } from "next";
import Link from "next/link";
import { Plus } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireCapability } from "@/lib/auth/actor";
import { listEmailTemplates } from "@/lib/email-templates/queries";
import { RestoreTemplateButton, TrashTemplateButton } from "./_components/template-buttons";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("emailTemplateSettings");
  return { title: t("title") };
}

/** Settings → Email templates (admins): each module's templates, and those in the trash. */
export default async function EmailTemplatesPage() {
  const user = await requireCapability("settings.manage");
  const t = await getTranslations("emailTemplateSettings");
  const format = await getFormatter();
  const db = await getDb();
  const [templates, trashed] = await Promise.all([listEmailTemplates(db, user), listEmailTemplates(db, user, { inTrash: true })]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button isPrimaryAction asChild>
            <Link href="/settings/email-templates/new">
              <Plus aria-hidden="true" />
              {t("create")}
            </Link>
          </Button>
        }
      />
      {templates.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyText")} />
      ) : (
        <Table scrollLabel={t("list")} data-testid="email-templates">
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead className="hidden sm:table-cell">{t("module")}</TableHead>
              <TableHead className="hidden md:table-cell">{t("subject")}</TableHead>
              <TableHead className="hidden lg:table-cell">{t("updatedAt")}</TableHead>
              <TableHead>
                <span className="sr-only">{t("actions")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {templates.map((template) => (
              <TableRow key={template.id} data-testid="email-template">
                <TableCell className="max-w-72">
                  <Link
                    href={`/settings/email-templates/${template.id}`}
                    className="block truncate font-medium underline-offset-4 hover:underline"
                    title={template.name}
                  >
                    {template.name}
                  </Link>
                  {/* On a phone the other columns sit under the name. */}
                  <span className="block truncate text-xs text-muted-foreground sm:hidden">{template.moduleName}</span>
                  <span className="block truncate text-xs text-muted-foreground md:hidden">{template.subject}</span>
                </TableCell>
                <TableCell className="hidden max-w-48 truncate sm:table-cell">{template.moduleName}</TableCell>
                <TableCell className="hidden max-w-80 truncate text-muted-foreground md:table-cell" title={template.subject}>
                  {template.subject}
                </TableCell>
                <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">{when(template.updatedAt)}</TableCell>
                <TableCell className="text-right">
                  <TrashTemplateButton templateId={template.id} name={template.name} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {trashed.length > 0 ? (
        <section aria-labelledby="email-templates-trash" className="space-y-3">
          <h2 id="email-templates-trash" className="text-base font-semibold">
            {t("trash")}
          </h2>
          <ul className="divide-y divide-border rounded-[var(--radius)] border border-border" data-testid="email-templates-trash">
            {trashed.map((template) => (
              <li key={template.id} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
                <span className="min-w-0">
                  <span className="block truncate font-medium">{template.name}</span>
                  <span className="block truncate text-xs text-muted-foreground">
                    {template.moduleName} · {t("trashedAt", { date: when(template.deletedAt!) })}
                  </span>
                </span>
                <RestoreTemplateButton templateId={template.id} name={template.name} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
