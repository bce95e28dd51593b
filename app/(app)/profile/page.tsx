import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/actor";
import { avatarUrl } from "@/lib/users/avatar-url";
import { formatName } from "@/lib/users/names";
import { getUserProfile } from "@/lib/users/queries";
import { AvatarForm } from "../_components/avatar-form";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("profile");
  return { title: t("title") };
}

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ passwordChanged?: string }> }) {
  const user = await requireUser();
  const t = await getTranslations();
  const profile = await getUserProfile(user, user.userId);
  const { passwordChanged } = await searchParams;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title={t("profile.title")} description={t("profile.description", { email: profile.email })} />
      <Card>
        <CardHeader>
          <CardTitle>{t("profile.details")}</CardTitle>
          <CardDescription>{t("profile.emailNote")}</CardDescription>
        </CardHeader>
        <CardContent>
          <ProfileForm profile={profile} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("profile.picture")}</CardTitle>
        </CardHeader>
        <CardContent>
          <AvatarForm
            userId={profile.id}
            name={formatName(profile, user.locale)}
            src={avatarUrl(profile.id, profile.avatarUpdatedAt)}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("profile.password")}</CardTitle>
          <CardDescription>{t("profile.passwordNote")}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {passwordChanged ? (
            <Alert variant="success" role="status" data-testid="form-success">
              {t("profile.passwordChanged")}
            </Alert>
          ) : null}
          {/* A new key after each change empties the form. */}
          <PasswordForm key={passwordChanged ?? "form"} />
        </CardContent>
      </Card>
    </div>
  );
}
