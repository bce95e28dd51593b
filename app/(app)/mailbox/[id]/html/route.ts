import { getCurrentUser } from "@/lib/auth/actor";
import { getMailboxHtml } from "@/lib/email/mailbox";
import { NotFoundError } from "@/lib/errors";

/**
 * An email's HTML for the mailbox's sandboxed frame. The CSP sandboxes it again and allows no
 * script, no form and no connection; only inline styles and images.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401 });
  try {
    const html = await getMailboxHtml(user, (await params).id);
    return new Response(html, {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy":
          "sandbox; default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; font-src https: data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return new Response(null, { status: 404 });
    throw error;
  }
}
