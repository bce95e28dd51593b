import type { ReactElement } from "react";
import InvitationEmail, { invitationSubject, type InvitationEmailProps } from "@/emails/invitation";
import MarketingMessageEmail, { type MarketingMessageEmailProps } from "@/emails/marketing-message";
import PasswordResetEmail, { passwordResetSubject, type PasswordResetEmailProps } from "@/emails/password-reset";
import TemplateMessageEmail, { type TemplateMessageEmailProps } from "@/emails/template-message";

/** The templates the app sends, by the name stored in `emails.template`. */
export type EmailTemplate =
  | { name: "invitation"; props: InvitationEmailProps }
  | { name: "password-reset"; props: PasswordResetEmailProps }
  /** The unsubscribe link is the sender's to add (it is signed for the stored email). */
  | { name: "marketing-message"; props: Omit<MarketingMessageEmailProps, "unsubscribeUrl"> }
  /**
   * A template of Settings → Email templates, merged (lib/email-templates/render.ts): to a client it is
   * marketing mail (tracked, with the unsubscribe link), to a user of the workspace transactional.
   */
  | { name: "email-template"; kind: EmailKind; props: Omit<TemplateMessageEmailProps, "unsubscribeUrl"> };

export type EmailKind = "transactional" | "marketing";

export interface TemplateElement {
  kind: EmailKind;
  subject: string;
  element: ReactElement;
}

/** Marketing mail carries an unsubscribe link and is tracked; transactional mail is neither. */
export function templateElement(template: EmailTemplate, unsubscribeUrl: string): TemplateElement {
  switch (template.name) {
    case "invitation":
      return { kind: "transactional", subject: invitationSubject(template.props), element: <InvitationEmail {...template.props} /> };
    case "password-reset":
      return {
        kind: "transactional",
        subject: passwordResetSubject(template.props),
        element: <PasswordResetEmail {...template.props} />,
      };
    case "marketing-message":
      return {
        kind: "marketing",
        subject: template.props.subject,
        element: <MarketingMessageEmail {...template.props} unsubscribeUrl={unsubscribeUrl} />,
      };
    case "email-template":
      return {
        kind: template.kind,
        subject: template.props.subject,
        element: <TemplateMessageEmail {...template.props} unsubscribeUrl={template.kind === "marketing" ? unsubscribeUrl : undefined} />,
      };
  }
}
