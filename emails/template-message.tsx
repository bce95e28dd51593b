import { Markdown } from "@react-email/components";
import type { Locale } from "@/lib/i18n/locales";
import { EmailLayout } from "./components/layout";
import { styles } from "./components/styles";

export interface TemplateMessageEmailProps {
  locale: Locale;
  workspaceName: string;
  /** Merged (lib/email-templates/render.ts). */
  subject: string;
  /**
   * Markdown, merged: every value escaped as literal text, the sender's signature in as Markdown,
   * `{{unsubscribe_url}}` as UNSUBSCRIBE_URL_TOKEN until the stored email's own link is known.
   */
  body: string;
  /** Marketing mail only (email to a client): the footer's and `{{unsubscribe_url}}`'s link. */
  unsubscribeUrl?: string;
}

/** What `{{unsubscribe_url}}` is merged as; the email's signed link replaces it when rendered. */
export const UNSUBSCRIBE_URL_TOKEN = "%UNSUBSCRIBE_URL%";

/**
 * An email template of Settings → Email templates, merged for one recipient: its Markdown body in
 * the shared layout (workspace name, footer, and for clients the unsubscribe link).
 */
export default function TemplateMessageEmail({ locale, workspaceName, subject, body, unsubscribeUrl }: TemplateMessageEmailProps) {
  const markdown = body
    .replace(/</g, "&lt;")
    .split(UNSUBSCRIBE_URL_TOKEN)
    .join(unsubscribeUrl ?? "");
  return (
    <EmailLayout locale={locale} workspaceName={workspaceName} preview={subject} unsubscribeUrl={unsubscribeUrl}>
      <Markdown markdownContainerStyles={styles.text} markdownCustomStyles={{ link: styles.link }}>
        {markdown}
      </Markdown>
    </EmailLayout>
  );
}

TemplateMessageEmail.PreviewProps = {
  locale: "hu",
  workspaceName: "Demo Bútor Kft.",
  subject: "Köszönjük megkeresését, Minta Kft.",
  body: "Kedves Kovács Anna!\n\nMegkaptuk ajánlatkérését, kollégánk **két munkanapon belül** keresi.\n\nÜdvözlettel:  \n**Nagy Péter**  \nértékesítési vezető",
  unsubscribeUrl: "http://localhost:3000/unsubscribe/preview-token",
} satisfies TemplateMessageEmailProps;
