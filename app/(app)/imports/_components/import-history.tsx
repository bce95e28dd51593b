import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import type { ImportStatus } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/actor";
import { listImports } from "@/lib/import/queries";

const statusVariant: Record<ImportStatus, BadgeProps["variant"]> = {
  draft: "neutral",
  queued: "neutral",
  running: "info",
  done: "success",
  failed: "danger",
  undone: "neutral",
};

/**
 * Import history (admins and managers): every import with its outcome, each opening its summary and
 * Undo. Shown at /imports and at Settings → Import history; the page checks who may see it.
 */
export async function ImportHistory({ user }: { user: CurrentUser }) {
  const t = await getTranslations("import");
  const rows = await listImports(await getDb(), user);
  const dateTime = new Intl.DateTimeFormat(user.locale === "hu" ? "hu-HU" : "en-GB", { dateStyle: "short", timeStyle: "short", timeZone: user.timeZone });
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader
        title={t("historyTitle")}
        description={t("historyDescription")}
        actions={
          <Button isPrimaryAction asChild>
            <Link href="/imports/new">{t("newImport")}</Link>
          </Button>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyText")} />
      ) : (
        <Table scrollLabel={t("historyTitle")} data-testid="import-history">
          <TableHeader>
            <TableRow>
              <TableHead>{t("file")}</TableHead>
              <TableHead>{t("outcome")}</TableHead>
              <TableHead className="hidden sm:table-cell">{t("counts.created")}</TableHead>
              <TableHead className="hidden sm:table-cell">{t("counts.updated")}</TableHead>
              <TableHead className="hidden sm:table-cell">{t("counts.failed")}</TableHead>
              <TableHead className="hidden md:table-cell">{t("by")}</TableHead>
              <TableHead className="hidden md:table-cell">{t("when")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <Link href={`/imports/${r.id}`} className="font-medium underline-offset-2 hover:underline">
                    {r.fileName}
                  </Link>
                  <span className="block text-xs text-muted-foreground">{r.moduleName}</span>
                </TableCell>
                <TableCell>
                  <Badge variant={statusVariant[r.status]}>{t(`statuses.${r.status}`)}</Badge>
                </TableCell>
                <TableCell className="hidden tabular-nums sm:table-cell">{r.created}</TableCell>
                <TableCell className="hidden tabular-nums sm:table-cell">{r.updated}</TableCell>
                <TableCell className="hidden tabular-nums sm:table-cell">{r.failed}</TableCell>
                <TableCell className="hidden md:table-cell">{r.byName}</TableCell>
                <TableCell className="hidden md:table-cell">{dateTime.format(r.createdAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
