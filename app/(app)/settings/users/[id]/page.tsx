import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireCapability } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { avatarUrl } from "@/lib/users/avatar-url";
import { formatName } from "@/lib/users/names";
import { getUserProfile, type UserProfile } from "@/lib/users/queries";
import { AvatarForm } from "../../../_components/avatar-form";
import { ActiveForm } from "../_components/active-form";
import { ResendInvitationForm } from "../_components/resend-invitation-form";
import { EditUserForm } from "../_components/edit-user-form";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

async function load(id: string): Promise<UserProfile> {
  const user = await requireCapability("settings.manage");
  try {
    return await getUserProfile(user, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireCapability("settings.manage");
  const profile = await load((await params).id);
  return { title: formatName(profile, user.locale) };
}

export default async function UserPage({ params, searchParams }: Props) {
  const user = await requireCapability("settings.manage");
  const profile = await load((await params).id);
  const { created } = await searchParams;
  const t = await getTranslations();
  const name = formatName(profile, user.locale);
  const isSelf = profile.id === user.userId;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <nav aria-label={t("common.breadcrumb")} className="text-sm">
        <Link href="/settings/users" className="text-muted-foreground underline-offset-4 hover:underline">
          {t("users.title")}
        </Link>
      </nav>
      <PageHeader
        title={name}
        description={profile.email}
        actions={
          profile.isActive ? (
            profile.isInvitationPending ? (
              <Badge variant="info">{t("users.invited")}</Badge>
            ) : null
          ) : (
            <Badge variant="warning">{t("users.deactivated")}</Badge>
          )
        }
      />
      {created ? (
        <Alert variant="success" role="status" data-testid="user-created">
          {t("users.invitedNote", { email: profile.email })}
        </Alert>
      ) : null}
      {profile.isInvitationPending && profile.isActive ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("users.invitation")}</CardTitle>
            <CardDescription>{t("users.invitationPendingNote")}</CardDescription>
          </CardHeader>
          <CardContent>
            <ResendInvitationForm userId={profile.id} />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>{t("profile.details")}</CardTitle>
        </CardHeader>
        <CardContent>
          <EditUserForm profile={profile} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("profile.picture")}</CardTitle>
        </CardHeader>
        <CardContent>
          <AvatarForm userId={profile.id} name={name} src={avatarUrl(profile.id, profile.avatarUpdatedAt)} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("users.access")}</CardTitle>
          <CardDescription>{profile.isActive ? t("users.deactivateNote") : t("users.reactivateNote")}</CardDescription>
        </CardHeader>
        <CardContent>
          {isSelf ? (
            <p className="text-sm text-muted-foreground">{t("users.selfAccessNote")}</p>
          ) : (
            <ActiveForm userId={profile.id} isActive={profile.isActive} />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
