import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/actor";
import { LOCALE_COOKIE, pickLocale, type Locale } from "./locales";

const catalogs = {
  en: () => import("@/messages/en.json"),
  hu: () => import("@/messages/hu.json"),
};

async function resolveLocale(): Promise<Locale> {
  const user = await getCurrentUser();
  if (user) return user.locale;
  return pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return {
    locale,
    messages: (await catalogs[locale]()).default,
    timeZone: "Europe/Budapest",
  };
});
