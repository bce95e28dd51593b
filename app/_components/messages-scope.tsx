"use client";

import { NextIntlClientProvider, useLocale, useMessages, type AbstractIntlMessages } from "next-intl";
import { useMemo, type ReactNode } from "react";
import type { Catalog } from "@/lib/i18n/catalogs";
import { mergeMessages } from "@/lib/i18n/client-messages";

/** The messages of the providers above and these (a nested provider's messages would replace its parent's). */
export function MessagesScope({ messages, children }: { messages: AbstractIntlMessages; children: ReactNode }) {
  const locale = useLocale();
  const above = useMessages();
  const merged = useMemo(() => mergeMessages(above as Catalog, messages as Catalog) as AbstractIntlMessages, [above, messages]);
  return (
    <NextIntlClientProvider locale={locale} messages={merged}>
      {children}
    </NextIntlClientProvider>
  );
}
