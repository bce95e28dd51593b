import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/actor";
import { catalogFor } from "./catalogs";
import { LOCALE_COOKIE, pickLocale, type Locale } from "./locales";


async function resolveLocale(user: CurrentUser | null): Promise<Locale> {
  if (user) return user.locale;
  return pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
}

/** Before sign-in (the login and setup pages) there is no workspace yet: the product's home zone. */
const DEFAULT_TIME_ZONE = "Europe/Budapest";

export default getRequestConfig(async () => {
  const user = await getCurrentUser();
  const locale = await resolveLocale(user);
  return {
    locale,
    messages: catalogFor(locale),
    // Every date and time on a page is in the workspace's zone (Settings → Workspace).
    timeZone: user?.timeZone ?? DEFAULT_TIME_ZONE,
  };
});
