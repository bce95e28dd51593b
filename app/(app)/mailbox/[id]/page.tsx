import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/actor";
import { getMailboxEmail, type MailboxEmail } from "@/lib/email/mailbox";
import { NotFoundError } from "@/lib/errors";
import { EmailStatusBadge } from "../_components/email-status";

type Props = { params: Promise<{ id: string }> };

async function load(id: string): Promise<MailboxEmail> {
  const user = await requireUser();
  try {
    return await getMailboxEmail(user, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await load((await params).id)).subject };
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-3">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export default async function MailboxEmailPage({ params }: Props) {
  const user = await requireUser();
  const email = await load((await params).id);
  const t = await getTranslations("mailbox");
  const dateTime = new Intl.DateTimeFormat(user.locale === "hu" ? "hu-HU" : "en-GB", { dateStyle: "medium", timeStyle: "medium" });
  const at = (date: Date | null) => (date ? dateTime.format(date) : "–");

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <Link href="/mailbox" className="text-muted-foreground underline-offset-4 hover:underline">
          {t("title")}
        </Link>
      </nav>
      <PageHeader title={email.subject} actions={<EmailStatusBadge status={email.status} />} />
      <Card>
        <CardContent className="pt-6">
          <dl className="space-y-2 text-sm" data-testid="email-details">
            <Row label={t("from")}>{email.fromAddress}</Row>
            <Row label={t("to")}>{email.toAddress}</Row>
            {email.replyTo ? <Row label={t("replyTo")}>{email.replyTo}</Row> : null}
            <Row label={t("createdAt")}>{at(email.createdAt)}</Row>
            <Row label={t("sentAt")}>{at(email.sentAt)}</Row>
            <Row label={t("deliveredAt")}>{at(email.deliveredAt)}</Row>
            <Row label={t("opened")}>{at(email.openedAt)}</Row>
            <Row label={t("clicked")}>{at(email.clickedAt)}</Row>
            {email.bouncedAt ? <Row label={t("bouncedAt")}>{at(email.bouncedAt)}</Row> : null}
            {email.complainedAt ? <Row label={t("complainedAt")}>{at(email.complainedAt)}</Row> : null}
            {email.error ? (
              <Row label={t("error")}>
                <span className="font-mono text-xs">{email.error}</span>
              </Row>
            ) : null}
          </dl>
        </CardContent>
      </Card>
      {email.isBodyHidden ? (
        <p className="rounded-[var(--radius)] border border-border bg-card p-4 text-sm text-muted-foreground" data-testid="email-body-hidden">
          {t("bodyHidden")}
        </p>
      ) : (
        <>
          {/* Sandboxed twice: the frame (no scripts, no same origin) and the route's CSP. */}
          <iframe
            src={`/mailbox/${email.id}/html`}
            sandbox=""
            title={t("frameTitle", { subject: email.subject })}
            className="h-[36rem] w-full rounded-[var(--radius)] border border-border bg-white"
            data-testid="email-frame"
          />
          <details className="rounded-[var(--radius)] border border-border bg-card p-4 text-sm">
            <summary className="cursor-pointer font-medium">{t("plainText")}</summary>
            <pre className="mt-3 font-mono text-xs break-words whitespace-pre-wrap" data-testid="email-text">
              {email.text}
            </pre>
          </details>
        </>
      )}
      {email.events.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("history")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ol className="space-y-1.5 text-sm" data-testid="email-events">
              {email.events.map((event) => (
                <li key={event.id} className="flex flex-wrap gap-x-3">
                  <span className="text-muted-foreground tabular-nums">{dateTime.format(event.at)}</span>
                  <span>{t(`events.${event.type}`)}</span>
                  {event.url ? <span className="min-w-0 truncate text-muted-foreground">{event.url}</span> : null}
                </li>
              ))}
            </ol>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
