import { Button, Heading, Link, Section, Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/locales";
import { emailTranslator } from "./components/i18n";
import { EmailLayout } from "./components/layout";
import { styles } from "./components/styles";

export interface InvitationEmailProps {
  locale: Locale;
  workspaceName: string;
  inviterName: string;
  recipientName: string;
  acceptUrl: string;
  expiresInDays: number;
  /** The inviting admin's signature. */
  signature?: string;
}

export function invitationSubject({ locale, workspaceName }: Pick<InvitationEmailProps, "locale" | "workspaceName">): string {
  return emailTranslator(locale)("invitation.subject", { workspace: workspaceName });
}

/** Settings → Users → New user: a one-time link to choose a password. */
export default function InvitationEmail(props: InvitationEmailProps) {
  const { locale, workspaceName, inviterName, recipientName, acceptUrl, expiresInDays, signature } = props;
  const t = emailTranslator(locale);
  return (
    <EmailLayout locale={locale} workspaceName={workspaceName} preview={invitationSubject(props)} signature={signature}>
      <Heading as="h1" style={styles.heading}>
        {t("invitation.heading", { workspace: workspaceName })}
      </Heading>
      <Text style={styles.text}>{t("greeting", { name: recipientName })}</Text>
      <Text style={styles.text}>{t("invitation.body", { inviter: inviterName })}</Text>
      <Section style={{ margin: "8px 0 20px" }}>
        <Button href={acceptUrl} style={styles.button}>
          {t("invitation.action")}
        </Button>
      </Section>
      <Text style={styles.muted}>{t("invitation.expiry", { days: expiresInDays })}</Text>
      <Text style={styles.muted}>
        {t("linkFallback")}{" "}
        <Link href={acceptUrl} style={styles.link}>
          {acceptUrl}
        </Link>
      </Text>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  locale: "en",
  workspaceName: "Demo Bútor Kft.",
  inviterName: "Anna Kovács",
  recipientName: "Zsófia",
  acceptUrl: "http://localhost:3000/invite/preview-token",
  expiresInDays: 7,
  signature: "**Anna Kovács**  \nOffice manager · +36 1 234 5678",
} satisfies InvitationEmailProps;
