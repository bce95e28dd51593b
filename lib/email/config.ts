/** Where the app's email settings come from (documented in the README's configuration table). */

/** The sender of every email, e.g. `Demo Bútor <crm@example.com>`. */
export function emailFrom(): string {
  return process.env.EMAIL_FROM?.trim() || "CRM <no-reply@crm.localhost>";
}

/** Set: emails go out through Resend. Unset: they are only kept (the embedded outbox). */
export function resendApiKey(): string | undefined {
  return process.env.RESEND_API_KEY?.trim() || undefined;
}

export function resendWebhookSecret(): string | undefined {
  return process.env.RESEND_WEBHOOK_SECRET?.trim() || undefined;
}

export type EmailDelivery = "resend" | "outbox";

export function emailDelivery(): EmailDelivery {
  return resendApiKey() ? "resend" : "outbox";
}

/**
 * The app's public address, for the links inside emails (they are read outside the app): APP_URL,
 * else AUTH_URL, else this machine on PORT.
 */
export function appUrl(): string {
  const configured = process.env.APP_URL?.trim() || process.env.AUTH_URL?.trim();
  const url = configured || `http://localhost:${process.env.PORT || 3000}`;
  return url.replace(/\/+$/, "");
}
