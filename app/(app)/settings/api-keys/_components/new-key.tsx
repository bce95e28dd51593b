"use client";
import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/**
 * A key just made: shown this once, selected for copying, with a Copy button. Copying falls back to
 * the selection where the clipboard API is missing (a plain-HTTP address other than localhost).
 */
export function NewKey({ apiKey }: { apiKey: string }) {
  const t = useTranslations("apiKeys");
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"copied" | "copyFailed" | null>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopied("copied");
    } catch {
      input.current?.select();
      setCopied(document.execCommand("copy") ? "copied" : "copyFailed");
    }
  }

  return (
    <div className="space-y-3">
      <Alert variant="warning" data-testid="new-key-note">
        {t("createdNote")}
      </Alert>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="new-api-key">{t("keyLabel")}</Label>
        <div className="flex gap-2">
          <Input
            ref={input}
            id="new-api-key"
            readOnly
            value={apiKey}
            onFocus={(event) => event.currentTarget.select()}
            spellCheck={false}
            autoComplete="off"
            className="font-mono text-xs sm:text-xs"
            data-testid="new-api-key"
          />
          <Button type="button" variant="outline" onClick={copy}>
            {copied === "copied" ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
            {t("copy")}
          </Button>
        </div>
        <p role="status" className="min-h-4 text-xs leading-4 text-muted-foreground">
          {copied ? t(copied) : null}
        </p>
      </div>
    </div>
  );
}
