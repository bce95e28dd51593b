import { Body, Container, Head, Hr, Html, Link, Preview, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { emailTranslator } from "./i18n";
import { Signature } from "./signature";
import { styles } from "./styles";

export interface EmailLayoutProps {
  locale: Locale;
  workspaceName: string;
  /** The inbox's one-line preview. */
  preview: string;
  /** The sender's Markdown signature; empty for mail the system sends on its own. */
  signature?: string;
  /** Marketing mail only: the footer's unsubscribe link. */
  unsubscribeUrl?: string;
  children: ReactNode;
}

/** The frame of every email: workspace name, the content, the sender's signature, a footer. */
export function EmailLayout({ locale, workspaceName, preview, signature = "", unsubscribeUrl, children }: EmailLayoutProps) {
  const t = emailTranslator(locale);
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.workspace}>{workspaceName}</Text>
          {children}
          <Signature markdown={signature} />
          <Hr style={styles.hr} />
          <Text style={styles.footer}>{t("footer.sentBy", { workspace: workspaceName })}</Text>
          {unsubscribeUrl ? (
            <Text style={styles.footer}>
              {t("footer.unsubscribeText")}{" "}
              <Link href={unsubscribeUrl} style={styles.link} data-unsubscribe="">
                {t("footer.unsubscribe")}
              </Link>
            </Text>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}
