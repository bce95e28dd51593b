import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireCapability } from "@/lib/auth/actor";
import { getBackupStatus } from "@/lib/backups/backup";
import { BACKUPS_KEPT } from "@/lib/backups/files";
import { getWorkspaceEmailSettings, getWorkspaceSettings } from "@/lib/workspaces/settings";
import { BackUpButton } from "./_components/back-up-button";
import { WorkspaceForm } from "./_components/workspace-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("workspaceSettings");
  return { title: t("title") };
}

/** The zones to choose from: the runtime's IANA list, UTC, and the current one (an old alias stays selectable). */
function timeZoneOptions(current: string): string[] {
  const zones = new Set(["UTC", ...Intl.supportedValuesOf("timeZone"), current]);
  return [...zones].sort((a, b) => a.localeCompare(b));
}

export default async function WorkspaceSettingsPage() {
  const user = await requireCapability("settings.manage");
  const t = await getTranslations("workspaceSettings");
  const db = await getDb();
  const [settings, email] = await Promise.all([getWorkspaceSettings(db, user), getWorkspaceEmailSettings(db, user.workspaceId)]);
  const backups = getBackupStatus(user);
  const format = await getFormatter();
  const senderAddress = /<([^>]+)>\s*$/.exec(email.from)?.[1] ?? email.from;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <CardContent>
          <WorkspaceForm settings={settings} timeZones={timeZoneOptions(settings.timeZone)} senderAddress={senderAddress} />
        </CardContent>
      </Card>
      <Card data-testid="backups">
        <CardHeader>
          <CardTitle>{t("backups")}</CardTitle>
          <CardDescription>
            {backups.kind === "server" ? t("backupsServer") : t("backupsEmbedded", { folder: ".data/backups", kept: BACKUPS_KEPT })}
          </CardDescription>
        </CardHeader>
        {backups.kind === "embedded" ? (
          <CardContent className="space-y-3">
            <p className="text-sm">
              {backups.last
                ? t("lastBackup", {
                    date: format.dateTime(backups.last.at, { dateStyle: "medium", timeStyle: "short" }),
                    size: format.number(backups.last.size / 1_000_000, { maximumFractionDigits: 1 }),
                  })
                : t("noBackup")}
            </p>
            <BackUpButton />
          </CardContent>
        ) : null}
      </Card>
    </div>
  );
}
