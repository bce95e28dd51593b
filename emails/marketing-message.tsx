import { Button, Heading, Markdown, Section } from "@react-email/components";
import type { Locale } from "@/lib/i18n/locales";
import { EmailLayout } from "./components/layout";
import { styles } from "./components/styles";

export interface MarketingMessageEmailProps {
  locale: Locale;
  workspaceName: string;
  subject: string;
  heading?: string;
  /** Markdown, already merged (the automations' templates fill their merge fields first). */
  body: string;
  callToAction?: { label: string; url: string };
  /** The sending user's signature. */
  signature?: string;
  unsubscribeUrl: string;
}

/**
 * The generic message the automations and campaigns send to clients: a heading, a Markdown body,
 * an optional button, the sender's signature and the unsubscribe footer marketing mail must have.
 */
export default function MarketingMessageEmail(props: MarketingMessageEmailProps) {
  const { locale, workspaceName, subject, heading, body, callToAction, signature, unsubscribeUrl } = props;
  return (
    <EmailLayout locale={locale} workspaceName={workspaceName} preview={subject} signature={signature} unsubscribeUrl={unsubscribeUrl}>
      {heading ? (
        <Heading as="h1" style={styles.heading}>
          {heading}
        </Heading>
      ) : null}
      <Markdown markdownContainerStyles={styles.text} markdownCustomStyles={{ link: styles.link }}>
        {body.replace(/</g, "&lt;")}
      </Markdown>
      {callToAction ? (
        <Section style={{ margin: "8px 0 20px" }}>
          <Button href={callToAction.url} style={styles.button}>
            {callToAction.label}
          </Button>
        </Section>
      ) : null}
    </EmailLayout>
  );
}

MarketingMessageEmail.PreviewProps = {
  locale: "hu",
  workspaceName: "Demo Bútor Kft.",
  subject: "Tavaszi akció: 20% kedvezmény az irodabútorokra",
  heading: "Tavaszi akció",
  body: "Kedves Ügyfelünk!\n\nMárcius végéig **20% kedvezménnyel** kínáljuk irodai székeinket és asztalainkat.\n\nNézze meg a [teljes kínálatot](https://example.com/akcio).",
  callToAction: { label: "Megnézem az ajánlatot", url: "https://example.com/akcio" },
  signature: "**Nagy Péter**  \nértékesítési vezető",
  unsubscribeUrl: "http://localhost:3000/unsubscribe/preview-token",
} satisfies MarketingMessageEmailProps;
