import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { emailDelivery } from "@/lib/email/config";
import { listMailbox } from "@/lib/email/mailbox";
import { EmailStatusBadge } from "./_components/email-status";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mailbox");
  return { title: t("title") };
}

type Props = { searchParams: Promise<{ before?: string }> };

export default async function MailboxPage({ searchParams }: Props) {
  const user = await requireUser();
  const { before } = await searchParams;
  const t = await getTranslations("mailbox");
  const page = await listMailbox(user, { before: typeof before === "string" ? before : undefined });
  const dateTime = new Intl.DateTimeFormat(user.locale === "hu" ? "hu-HU" : "en-GB", { dateStyle: "short", timeStyle: "short" });

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader title={t("title")} description={can(user, "email.readAll") ? t("descriptionAll") : t("descriptionOwn")} />
      {emailDelivery() === "outbox" ? <Alert variant="info">{t("outboxNote")}</Alert> : null}
      {page.entries.length === 0 ? (
        <EmptyState title={before ? t("noOlder") : t("empty")} description={before ? undefined : t("emptyText")} />
      ) : (
        <Table scrollLabel={t("emails")} data-testid="mailbox">
          <TableHeader>
            <TableRow>
              <TableHead>{t("subject")}</TableHead>
              <TableHead className="hidden sm:table-cell">{t("to")}</TableHead>
              <TableHead>{t("status")}</TableHead>
              <TableHead className="hidden md:table-cell">{t("activity")}</TableHead>
              <TableHead className="hidden lg:table-cell">{t("createdAt")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.entries.map((email) => (
              <TableRow key={email.id} data-testid="mailbox-email">
                <TableCell className="w-full max-w-0">
                  <Link href={`/mailbox/${email.id}`} className="block truncate font-medium underline-offset-4 hover:underline">
                    {email.subject}
                  </Link>
                  <span className="block truncate text-xs text-muted-foreground sm:hidden">
                    {email.toAddress} · {dateTime.format(email.createdAt)}
                  </span>
                </TableCell>
                <TableCell className="hidden max-w-64 truncate whitespace-nowrap text-muted-foreground sm:table-cell">{email.toAddress}</TableCell>
                <TableCell>
                  <EmailStatusBadge status={email.status} />
                </TableCell>
                <TableCell className="hidden text-xs whitespace-nowrap text-muted-foreground md:table-cell">
                  {[
                    email.openedAt ? t("openedAt", { time: dateTime.format(email.openedAt) }) : null,
                    email.clickedAt ? t("clickedAt", { time: dateTime.format(email.clickedAt) }) : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </TableCell>
                <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
                  {dateTime.format(email.createdAt)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {before || page.nextCursor ? (
        <nav aria-label={t("pages")} className="flex justify-between gap-2">
          {before ? (
            <Button asChild variant="outline">
              <Link href="/mailbox">{t("newest")}</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Button asChild variant="outline">
              <Link href={`/mailbox?before=${encodeURIComponent(page.nextCursor)}`}>{t("older")}</Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
