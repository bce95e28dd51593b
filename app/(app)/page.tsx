import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UserAvatar } from "@/components/ui/avatar";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/actor";
import { avatarUrl } from "@/lib/users/avatar-url";
import { formatName } from "@/lib/users/names";
import { listTeam } from "@/lib/users/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("nav");
  return { title: t("home") };
}

export default async function HomePage() {
  const user = await requireUser();
  const t = await getTranslations();
  const team = await listTeam(user);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={t("home.greeting", { name: user.givenName })}
        description={t("home.roleLine", { workspace: user.workspaceName, role: t(`roles.${user.role}`) })}
      />
      <Card>
        <CardHeader>
          <CardTitle>{t("home.team", { count: team.length })}</CardTitle>
        </CardHeader>
        <CardContent>
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="team-list">
            {team.map((member) => {
              const name = formatName(member, user.locale);
              return (
                <li key={member.id} className="flex min-w-0 items-center gap-3">
                  <UserAvatar name={name} src={avatarUrl(member.id, member.avatarUpdatedAt)} decorative />
                  <span className="min-w-0">
                    <span className="block truncate text-sm font-medium">{name}</span>
                    <span className="block truncate text-xs text-muted-foreground">{t(`roles.${member.role}`)}</span>
                  </span>
                </li>
              );
            })}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
