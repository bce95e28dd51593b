import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listTrash, TRASH_PAGE_SIZE } from "@/lib/datasheets/trash";
import { formatName } from "@/lib/users/names";
import { RestoredNotices } from "./_components/restored-notices";
import { TrashActions } from "./_components/trash-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("trash");
  return { title: t("title") };
}

/** The trash: everyone's for admins and managers, one's own for the others (lib/datasheets/trash.ts decides). */
export default async function TrashPage() {
  const user = await requireUser();
  const t = await getTranslations("trash");
  const format = await getFormatter();
  const entries = await listTrash(await getDb(), user);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  const canDeleteForever = can(user, "trash.purge");
  const description = can(user, "trash.readAll") ? t("descriptionAll") : t("descriptionOwn");

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader title={t("title")} description={description} />
      <RestoredNotices>
        {entries.length === 0 ? (
          <EmptyState title={t("empty")} description={t("emptyText")} />
        ) : (
          <>
            <Table scrollLabel={t("list")} data-testid="trash">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("client")}</TableHead>
                  <TableHead className="hidden md:table-cell">{t("status")}</TableHead>
                  <TableHead className="hidden sm:table-cell">{t("deletedBy")}</TableHead>
                  <TableHead className="hidden lg:table-cell">{t("purgeAt")}</TableHead>
                  <TableHead>
                    <span className="sr-only">{t("actions")}</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {entries.map((entry) => {
                  const deletedBy = entry.deletedBy ? formatName(entry.deletedBy, user.locale) : t("deletedBySystem");
                  return (
                    <TableRow key={entry.id} data-testid="trash-entry">
                      <TableCell className="max-w-72">
                        <span className="block truncate font-medium" title={entry.businessName}>
                          {entry.businessName}
                        </span>
                        <span className="block truncate text-xs text-muted-foreground">{entry.moduleName}</span>
                        {/* On a phone the other columns sit under the name. */}
                        <span className="block text-xs text-muted-foreground sm:hidden">
                          {t("deletedByLine", { name: deletedBy, date: when(entry.deletedAt) })}
                        </span>
                      </TableCell>
                      <TableCell className="hidden md:table-cell">{entry.statusName}</TableCell>
                      <TableCell className="hidden sm:table-cell">
                        <span className="block">{deletedBy}</span>
                        <span className="block text-xs whitespace-nowrap text-muted-foreground">{when(entry.deletedAt)}</span>
                      </TableCell>
                      <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">{day(entry.purgeAt)}</TableCell>
                      <TableCell className="text-right">
                        <TrashActions datasheetId={entry.id} name={entry.businessName} canDeleteForever={canDeleteForever} />
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
            {entries.length === TRASH_PAGE_SIZE ? <p className="text-sm text-muted-foreground">{t("more", { count: TRASH_PAGE_SIZE })}</p> : null}
          </>
        )}
      </RestoredNotices>
    </div>
  );
}
