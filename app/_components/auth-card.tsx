import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { setVisitorLocaleAction } from "../login/actions";

/** The frame of the signed-out pages: sign-in and first-time setup. */
export async function AuthCard({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  const t = await getTranslations("common");
  const locale = await getLocale();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-muted px-4 py-10">
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-sm font-semibold tracking-wide text-muted-foreground">{t("productName")}</p>
        <div className="rounded-[var(--radius)] border border-border bg-card p-6 text-card-foreground shadow-sm">
          <h1 className="text-xl font-semibold">{title}</h1>
          <p className="mt-1 mb-6 text-sm text-muted-foreground">{description}</p>
          {children}
        </div>
        <form action={setVisitorLocaleAction} className="mt-6 flex justify-center gap-2 text-sm" aria-label={t("language")}>
          {(["en", "hu"] as const).map((code) => (
            <button
              key={code}
              name="locale"
              value={code}
              aria-pressed={locale === code}
              lang={code}
              className="rounded px-2 py-1 text-muted-foreground underline-offset-4 hover:underline aria-pressed:font-semibold aria-pressed:text-foreground"
            >
              {code === "en" ? "English" : "Magyar"}
            </button>
          ))}
        </form>
      </div>
    </main>
  );
}
