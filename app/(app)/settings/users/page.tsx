import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UserAvatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireCapability } from "@/lib/auth/actor";
import { avatarUrl } from "@/lib/users/avatar-url";
import { formatName } from "@/lib/users/names";
import { listUsers, type UserSummary } from "@/lib/users/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users");
  return { title: t("title") };
}

export default async function UsersPage() {
  const user = await requireCapability("settings.manage");
  const t = await getTranslations();
  const all = await listUsers(user);
  const current = all.filter((u) => u.isActive);
  const former = all.filter((u) => !u.isActive);
  const dateFormat = new Intl.DateTimeFormat(user.locale === "hu" ? "hu-HU" : "en-GB", { dateStyle: "medium" });

  const table = (rows: UserSummary[], label: string, testId: string) => (
    <Table scrollLabel={label} data-testid={testId}>
      <TableHeader>
        <TableRow>
          <TableHead>{t("users.name")}</TableHead>
          <TableHead className="hidden sm:table-cell">{t("auth.email")}</TableHead>
          <TableHead className="hidden sm:table-cell">{t("users.role")}</TableHead>
          <TableHead className="hidden md:table-cell">
            {rows === former ? t("users.deactivatedAt") : t("users.createdAt")}
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((u) => {
          const name = formatName(u, user.locale);
          return (
            <TableRow key={u.id}>
              <TableCell>
                <Link
                  href={`/settings/users/${u.id}`}
                  className="flex min-w-0 items-center gap-2.5 font-medium underline-offset-4 hover:underline"
                >
                  <UserAvatar name={name} src={avatarUrl(u.id, u.avatarUpdatedAt)} size="sm" decorative />
                  <span className="min-w-0">
                    <span className="flex min-w-0 items-center gap-1.5">
                      <span className="truncate">{name}</span>
                      {u.isInvitationPending && u.isActive ? <Badge variant="info">{t("users.invited")}</Badge> : null}
                    </span>
                    <span className="block truncate text-xs font-normal text-muted-foreground sm:hidden">
                      {u.email} · {t(`roles.${u.role}`)}
                    </span>
                  </span>
                </Link>
              </TableCell>
              <TableCell className="hidden text-muted-foreground sm:table-cell">{u.email}</TableCell>
              <TableCell className="hidden sm:table-cell">
                <Badge variant={u.role === "admin" ? "info" : "neutral"}>{t(`roles.${u.role}`)}</Badge>
              </TableCell>
              <TableCell className="hidden text-muted-foreground md:table-cell">
                {dateFormat.format(rows === former && u.deactivatedAt ? u.deactivatedAt : u.createdAt)}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <PageHeader
        title={t("users.title")}
        description={t("users.description")}
        actions={
          <Button isPrimaryAction asChild>
            <Link href="/settings/users/new">{t("users.new")}</Link>
          </Button>
        }
      />
      {/* Not a named region: the table's scroll area already is one, with the same name. */}
      <section className="space-y-3">
        <h2 id="current-users" className="text-sm font-semibold">
          {t("users.current", { count: current.length })}
        </h2>
        {table(current, t("users.current", { count: current.length }), "current-users")}
      </section>
      {former.length > 0 ? (
        <section className="space-y-3">
          <h2 id="former-users" className="text-sm font-semibold">
            {t("users.former", { count: former.length })}
          </h2>
          {table(former, t("users.former", { count: former.length }), "former-users")}
        </section>
      ) : null}
    </div>
  );
}
