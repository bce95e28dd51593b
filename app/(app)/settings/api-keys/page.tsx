import type { Metadata } from "next";
import { BookOpen } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listApiKeys } from "@/lib/api/keys";
import { requireCapability } from "@/lib/auth/actor";
import { cn } from "@/lib/ui/cn";
import { formatName } from "@/lib/users/names";
import { listTeam } from "@/lib/users/queries";
import { CreateKeyDialog } from "./_components/create-key-dialog";
import { RevokeKeyButton } from "./_components/revoke-key-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiKeys");
  return { title: t("title") };
}

export default async function ApiKeysPage() {
  const user = await requireCapability("settings.manage");
  const t = await getTranslations("apiKeys");
  const format = await getFormatter();
  const [keys, team] = await Promise.all([listApiKeys(user), listTeam(user)]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const owners = team.map((u) => ({ id: u.id, label: `${formatName(u, user.locale)} (${u.email})` }));

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Button variant="outline" asChild>
              {/* The reference is a page of its own (Swagger UI served by a route handler), not a page of the app. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              <a href="/api/v1/docs">
                <BookOpen aria-hidden="true" />
                {t("reference")}
              </a>
            </Button>
            <CreateKeyDialog owners={owners} />
          </>
        }
      />
      {keys.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyText")} />
      ) : (
        <Table scrollLabel={t("list")} data-testid="api-keys">
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead className="hidden sm:table-cell">{t("owner")}</TableHead>
              <TableHead className="hidden md:table-cell">{t("key")}</TableHead>
              <TableHead className="hidden lg:table-cell">{t("createdAt")}</TableHead>
              <TableHead className="hidden md:table-cell">{t("lastUsedAt")}</TableHead>
              <TableHead>
                <span className="sr-only">{t("actions")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((key) => {
              const prefix = `crm_${key.prefix}…`;
              const ownerName = formatName(key.owner, user.locale);
              const isRevoked = key.revokedAt !== null;
              const deactivated = key.owner.isActive ? null : (
                <Badge variant="warning" title={t("ownerDeactivatedHint")}>
                  {t("ownerDeactivated")}
                  <span className="sr-only">: {t("ownerDeactivatedHint")}</span>
                </Badge>
              );
              return (
                <TableRow key={key.id} data-testid="api-key" data-revoked={isRevoked} className={cn(isRevoked && "text-muted-foreground")}>
                  <TableCell className="max-w-64">
                    <span className="block truncate font-medium" title={key.name}>
                      {key.name}
                    </span>
                    {/* On a phone the other columns sit under the name. */}
                    <span className="block truncate font-mono text-xs text-muted-foreground md:hidden">{prefix}</span>
                    <span className="flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground sm:hidden">
                      <span className="truncate">{ownerName}</span>
                      {deactivated}
                    </span>
                    <span className="block text-xs text-muted-foreground md:hidden">
                      {key.lastUsedAt ? t("lastUsedValue", { date: when(key.lastUsedAt) }) : t("neverUsed")}
                    </span>
                  </TableCell>
                  <TableCell className="hidden max-w-64 sm:table-cell">
                    <span className="flex min-w-0 items-center gap-1.5">
                      <span className="truncate">{ownerName}</span>
                      {deactivated}
                    </span>
                    <span className="block truncate text-xs text-muted-foreground">{key.owner.email}</span>
                  </TableCell>
                  <TableCell className="hidden font-mono text-xs whitespace-nowrap md:table-cell">{prefix}</TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">{when(key.createdAt)}</TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">
                    {key.lastUsedAt ? when(key.lastUsedAt) : t("never")}
                  </TableCell>
                  <TableCell className="text-right">
                    {key.revokedAt ? (
                      <span className="inline-flex flex-col items-end gap-0.5">
                        <Badge variant="neutral">{t("revoked")}</Badge>
                        <span className="text-xs whitespace-nowrap text-muted-foreground">{when(key.revokedAt)}</span>
                      </span>
                    ) : (
                      <RevokeKeyButton keyId={key.id} name={key.name} />
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
