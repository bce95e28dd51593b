import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { queueEmail, type EmailTemplate } from "@/lib/email/send";
import { uniqueEmail } from "../../factories";

/** Tracking tokens and links are signed with the server secret: a fixed one for the tests. */
export const TEST_SECRET = "email-tests-secret-0123456789abcdef";

export function marketingTemplate(overrides: Partial<Extract<EmailTemplate, { name: "marketing-message" }>["props"]> = {}): EmailTemplate {
  return {
    name: "marketing-message",
    props: {
      locale: "en",
      workspaceName: "Test Kft.",
      subject: "Spring offer",
      heading: "Spring offer",
      body: "Office chairs at **20% off**. See [the catalogue](https://shop.example.test/catalogue?season=spring&x=1).",
      callToAction: { label: "Open the offer", url: "https://shop.example.test/offer" },
      signature: "**Péter Nagy**  \nSales",
      ...overrides,
    },
  };
}

export function invitationTemplate(): EmailTemplate {
  return {
    name: "invitation",
    props: {
      locale: "en",
      workspaceName: "Test Kft.",
      inviterName: "Anna Kovács",
      recipientName: "Zsófia Új",
      acceptUrl: "http://localhost:3000/invite/test-token",
      expiresInDays: 7,
      signature: "",
    },
  };
}

/** Queues an email the way the services do: in a transaction, with its `email/queued` event. */
export async function queueTestEmail(
  workspaceId: string,
  options: { template?: EmailTemplate; to?: string; senderUserId?: string; recipientUserId?: string; key?: string } = {},
) {
  const db = await getDb();
  return db.transaction((tx) =>
    queueEmail(tx, {
      workspaceId,
      idempotencyKey: options.key ?? `test/${randomUUID()}`,
      to: options.to ?? uniqueEmail("client"),
      senderUserId: options.senderUserId ?? null,
      recipientUserId: options.recipientUserId ?? null,
      template: options.template ?? marketingTemplate(),
    }),
  );
}
