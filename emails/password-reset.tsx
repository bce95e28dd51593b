import { Button, Heading, Link, Section, Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/locales";
import { emailTranslator } from "./components/i18n";
import { EmailLayout } from "./components/layout";
import { styles } from "./components/styles";

export interface PasswordResetEmailProps {
  locale: Locale;
  workspaceName: string;
  recipientName: string;
  resetUrl: string;
  expiresInMinutes: number;
}

export function passwordResetSubject({ locale }: Pick<PasswordResetEmailProps, "locale">): string {
  return emailTranslator(locale)("passwordReset.subject");
}

/** "Forgot password?" on the sign-in page: a one-time link to choose a new password. */
export default function PasswordResetEmail(props: PasswordResetEmailProps) {
  const { locale, workspaceName, recipientName, resetUrl, expiresInMinutes } = props;
  const t = emailTranslator(locale);
  return (
    <EmailLayout locale={locale} workspaceName={workspaceName} preview={passwordResetSubject(props)}>
      <Heading as="h1" style={styles.heading}>
        {t("passwordReset.heading")}
      </Heading>
      <Text style={styles.text}>{t("greeting", { name: recipientName })}</Text>
      <Text style={styles.text}>{t("passwordReset.body")}</Text>
      <Section style={{ margin: "8px 0 20px" }}>
        <Button href={resetUrl} style={styles.button}>
          {t("passwordReset.action")}
        </Button>
      </Section>
      <Text style={styles.muted}>{t("passwordReset.expiry", { minutes: expiresInMinutes })}</Text>
      <Text style={styles.muted}>{t("passwordReset.ignore")}</Text>
      <Text style={styles.muted}>
        {t("linkFallback")}{" "}
        <Link href={resetUrl} style={styles.link}>
          {resetUrl}
        </Link>
      </Text>
    </EmailLayout>
  );
}

PasswordResetEmail.PreviewProps = {
  locale: "en",
  workspaceName: "Demo Bútor Kft.",
  recipientName: "Eszter",
  resetUrl: "http://localhost:3000/reset-password/preview-token",
  expiresInMinutes: 60,
} satisfies PasswordResetEmailProps;
