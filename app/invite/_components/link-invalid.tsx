import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";

/** A wrong, used or expired link: one message for all three, and the ways on. */
export async function LinkInvalid() {
  const t = await getTranslations("passwordLinks");
  return (
    <div className="space-y-4">
      <Alert variant="error" role="alert" data-testid="link-invalid">
        {t("linkInvalid")}
      </Alert>
      <div className="flex flex-col gap-2 text-center text-sm">
        <Link href="/forgot-password" className="underline-offset-4 hover:underline">
          {t("requestNewLink")}
        </Link>
        <Link href="/login" className="text-muted-foreground underline-offset-4 hover:underline">
          {t("backToSignIn")}
        </Link>
      </div>
    </div>
  );
}
