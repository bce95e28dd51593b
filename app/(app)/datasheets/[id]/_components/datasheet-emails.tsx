import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { EmailStatusBadge } from "@/app/(app)/mailbox/_components/email-status";
import type { UserActor } from "@/lib/auth/permissions";
import { listEmails } from "@/lib/email/mailbox";
import { Section } from "./page-ui";

const SHOWN = 10;

/**
 * The emails sent to this client — by a user, an automation or a newsletter — newest first, with
 * their open and click marks; each opens in the mailbox.
 */
export async function DatasheetEmails({ actor, datasheetId }: { actor: UserActor; datasheetId: string }) {
  const t = await getTranslations("datasheetEmails");
  const format = await getFormatter();
  const { entries } = await listEmails(actor, { datasheetId, limit: SHOWN });
  return (
    <Section title={t("title")} testId="datasheet-emails">
      {entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <ul className="space-y-3">
          {entries.map((email) => (
            <li key={email.id} className="min-w-0 text-sm" data-testid="datasheet-email">
              <Link href={`/mailbox/${email.id}`} className="block truncate font-medium underline-offset-4 hover:underline" title={email.subject}>
                {email.subject}
              </Link>
              <span className="block truncate text-xs text-muted-foreground">
                {t("to", { address: email.toAddress })} · {format.dateTime(email.sentAt ?? email.createdAt, { dateStyle: "medium", timeStyle: "short" })}
              </span>
              <span className="mt-1 flex flex-wrap gap-1">
                <EmailStatusBadge status={email.status} />
                {email.openedAt ? <Badge variant="success">{t("opened")}</Badge> : null}
                {email.clickedAt ? <Badge variant="success">{t("clicked")}</Badge> : null}
                {email.automationId ? <Badge variant="neutral">{t("automated")}</Badge> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
