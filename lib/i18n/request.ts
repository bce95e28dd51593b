import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/actor";
import { catalogFor } from "./catalogs";
import { LOCALE_COOKIE, pickLocale, type Locale } from "./locales";


async function resolveLocale(): Promise<Locale> {
  const user = await getCurrentUser();
  if (user) return user.locale;
  return pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return {
    locale,
    messages: catalogFor(locale),
    timeZone: "Europe/Budapest",
  };
});
