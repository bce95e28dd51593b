import "server-only";
import { z } from "zod";
import { emailKindEnum, emailStatusEnum } from "@/db/schema";
import { listEmails, MAILBOX_PAGE_SIZE } from "@/lib/email/mailbox";
import { defineEndpoint } from "../http";
import { apiTime, isoTime, isoTimeOrNull } from "./common";

export const apiEmailSchema = z.object({
  id: z.uuid(),
  datasheetId: z.uuid().nullable(),
  automationId: z.uuid().nullable().describe("The automation that sent it; null for one a user or the app sent."),
  kind: z.enum(emailKindEnum.enumValues),
  template: z.string(),
  to: z.string(),
  subject: z.string(),
  status: z.enum(emailStatusEnum.enumValues),
  createdAt: apiTime,
  sentAt: apiTime.nullable(),
  deliveredAt: apiTime.nullable(),
  openedAt: apiTime.nullable().describe("The first open."),
  clickedAt: apiTime.nullable().describe("The first click."),
  bouncedAt: apiTime.nullable(),
  complainedAt: apiTime.nullable(),
});

const MAX_LIMIT = 100;

/** `GET /api/v1/emails`: the stored emails the key's user may see, newest first. */
export const listEmailsEndpoint = defineEndpoint({
  method: "GET",
  path: "/emails",
  tag: "Emails",
  summary: "List the stored emails",
  description:
    "Newest first, a page at a time (`nextCursor` into `cursor` for the next). With `datasheetId`, that datasheet's emails, for a key whose user may see the datasheet (else 404). Without it: the workspace's for admins and managers; for anyone else their own and those of the datasheets they may see.",
  query: z.strictObject({
    datasheetId: z.string().optional().describe("Only this datasheet's emails."),
    cursor: z.string().optional().describe("The previous page's `nextCursor`."),
    limit: z.coerce
      .number("numberInvalid")
      .int("numberInvalid")
      .min(1, "numberInvalid")
      .max(MAX_LIMIT, "tooMany")
      .optional()
      .describe(`How many (1–${MAX_LIMIT}, default ${MAILBOX_PAGE_SIZE}).`),
  }),
  response: {
    status: 200,
    schema: z.object({ data: z.array(apiEmailSchema), nextCursor: z.string().nullable() }),
    description: "A page of emails.",
  },
  example: 'curl -s "$CRM_URL/api/v1/emails?datasheetId=$DATASHEET_ID" -H "Authorization: Bearer $CRM_KEY"',
  handler: async ({ caller, query }) => {
    const page = await listEmails(caller, { datasheetId: query.datasheetId || undefined, before: query.cursor, limit: query.limit });
    return {
      data: page.entries.map((e) => ({
        id: e.id,
        datasheetId: e.datasheetId,
        automationId: e.automationId,
        kind: e.kind,
        template: e.template,
        to: e.toAddress,
        subject: e.subject,
        status: e.status,
        createdAt: isoTime(e.createdAt),
        sentAt: isoTimeOrNull(e.sentAt),
        deliveredAt: isoTimeOrNull(e.deliveredAt),
        openedAt: isoTimeOrNull(e.openedAt),
        clickedAt: isoTimeOrNull(e.clickedAt),
        bouncedAt: isoTimeOrNull(e.bouncedAt),
        complainedAt: isoTimeOrNull(e.complainedAt),
      })),
      nextCursor: page.nextCursor,
    };
  },
});
