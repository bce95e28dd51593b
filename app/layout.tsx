import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { THEME_COOKIE, themeClass } from "@/lib/ui/theme";
import { ClientMessages } from "./_components/client-messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: t("productName"), template: `%s · ${t("productName")}` } };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  // The theme is a cookie, so the server renders the right class and nothing flashes.
  const theme = themeClass((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang={locale} className={theme}>
      <body>
        {/* What every form's client part reads: buttons, field errors and the services' error codes. */}
        <ClientMessages root namespaces={["common", "errors", "validation"]}>
          {children}
        </ClientMessages>
      </body>
    </html>
  );
}
