"use client";
import { useTranslations } from "next-intl";
import { roles } from "@/lib/auth/permissions";

export function RoleOptions() {
  const t = useTranslations("roles");
  return roles.map((role) => (
    <option key={role} value={role}>
      {t(role)}
    </option>
  ));
}
