"use client";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";

/**
 * An editor's answer: an error as an alert, and each save confirmed quietly — a short "Saved." in a
 * polite live region (announced, focus left where it is), in a line of its own so nothing moves.
 * `saved` counts the successful saves; each new one is a new node, so it is announced again.
 */
export function EditorError({ message, saved = 0 }: { message: string | null; saved?: number }) {
  const t = useTranslations("common");
  return (
    <>
      {message ? (
        <Alert variant="error" role="alert" data-testid="editor-error">
          {message}
        </Alert>
      ) : null}
      <p role="status" className="h-4 text-xs leading-4 text-muted-foreground" data-testid="editor-saved">
        {saved > 0 && !message ? <span key={saved}>{t("saved")}</span> : null}
      </p>
    </>
  );
}
