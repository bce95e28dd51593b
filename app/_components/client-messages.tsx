import { NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import type { Catalog } from "@/lib/i18n/catalogs";
import { pickMessages } from "@/lib/i18n/client-messages";
import { MessagesScope } from "./messages-scope";

/**
 * Gives the client components below it these namespaces of the catalog, besides those of the
 * layouts above (`root`: the first, which every page has). A page's RSC payload carries only
 * what its client components read; tests/unit/i18n/client-messages.test.ts checks, from the
 * source, that each page's client components find every namespace they use.
 */
export async function ClientMessages({ namespaces, root = false, children }: { namespaces: string[]; root?: boolean; children: ReactNode }) {
  // The catalog as lib/i18n/request.ts gives it: precompiled messages are arrays, which next-intl's type leaves out.
  const messages = pickMessages((await getMessages()) as Catalog, namespaces) as AbstractIntlMessages;
  if (root) return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
  return <MessagesScope messages={messages}>{children}</MessagesScope>;
}
