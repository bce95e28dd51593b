import { getTranslations } from "next-intl/server";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { EmailStatus } from "@/db/schema";

const variant: Record<EmailStatus, BadgeProps["variant"]> = {
  queued: "neutral",
  sent: "info",
  delivered: "success",
  failed: "danger",
  bounced: "danger",
  complained: "warning",
};

export async function EmailStatusBadge({ status }: { status: EmailStatus }) {
  const t = await getTranslations("mailbox.statuses");
  return (
    <Badge variant={variant[status]} data-testid="email-status" data-status={status}>
      {t(status)}
    </Badge>
  );
}
