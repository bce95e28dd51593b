import { ArrowRight, Mail } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ColorChip } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/sessions";
import { moduleBreakdown, RESPONSIBLE } from "@/lib/dashboards/breakdown";
import { teamDashboard, type TeamDashboard } from "@/lib/dashboards/team";
import type { Person } from "@/lib/datasheets/page";
import { ValidationError } from "@/lib/errors";
import { cn } from "@/lib/ui/cn";
import { myDay, type MyDay } from "@/lib/dashboards/my-day";
import { getNewClientOptions } from "@/lib/datasheets/new-client-options";
import { formatName } from "@/lib/users/names";
import { ClientMessages } from "../_components/client-messages";
import { MyDayTodos } from "./_components/my-day-todos";
import { TeamDashboardView } from "./_components/team-dashboard";
import { VisitRecorder } from "./_components/visit-recorder";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("nav");
  return { title: t("home") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/**
 * The first page after sign-in (issue 15): everyone's "My day"; admins and managers also have the
 * team's figures under `?view=team` (with the period in the URL). Others asking for it get My day.
 */
export default async function HomePage({ searchParams }: Props) {
  const user = await requireUser();
  const t = await getTranslations();
  const asked = await searchParams;
  const seesTeam = can(user, "reports.team");
  const view = seesTeam && one(asked.view) === "team" ? "team" : "day";
  const db = await getDb();
  const options = await getNewClientOptions(user);
  const names = new Map(options.team.map((p) => [p.id, formatName(p, user.locale)]));
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader
        title={t("home.greeting", { name: user.givenName })}
        description={t("home.roleLine", { workspace: user.workspaceName, role: t(`roles.${user.role}`) })}
      />
      {seesTeam ? <Tabs view={view} /> : null}
      {view === "team" ? (
        <TeamView user={user} asked={asked} names={names} />
      ) : (
        // My day's todos: marking one done and adding the next.
        <ClientMessages namespaces={["dashboard.todos", "dashboard.myDay", "todos"]}>
          <DayView day={await myDay(db, user)} team={options.team} names={names} />
        </ClientMessages>
      )}
    </div>
  );
}

async function Tabs({ view }: { view: "day" | "team" }) {
  const t = await getTranslations("dashboard.tabs");
  const tab = (href: string, label: string, current: boolean) => (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={cn(
        "inline-flex min-h-9 items-center rounded-md px-3 text-sm font-medium outline-none focus-visible:outline-2 focus-visible:outline-ring",
        current ? "bg-card text-foreground shadow-xs" : "text-muted-foreground hover:text-foreground",
      )}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label={t("label")} className="inline-flex gap-1 rounded-lg border border-border bg-muted p-1">
      {tab("/", t("myDay"), view === "day")}
      {tab("/?view=team", t("team"), view === "team")}
    </nav>
  );
}

function DayView({ day, team, names }: { day: MyDay; team: Person[]; names: Map<string, string> }) {
  return (
    <>
      <MyDayTodos todos={day.todos} team={team} />
      <div className="grid gap-4 lg:grid-cols-2">
        <ChangesCard day={day} names={names} />
        <EmailsCard day={day} />
      </div>
      <VisitRecorder />
    </>
  );
}

async function TeamView({ user, asked, names }: { user: CurrentUser; asked: Record<string, string | string[] | undefined>; names: Map<string, string> }) {
  const tv = await getTranslations("validation");
  const input = { period: one(asked.period), from: one(asked.from), to: one(asked.to) };
  let board: TeamDashboard | null = null;
  let errors: Record<string, string> = {};
  const db = await getDb();
  try {
    board = await teamDashboard(db, user, input);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    errors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, code]) => [field, tv(code)]));
  }
  const modules = board?.modules.map((m) => ({ id: m.id, name: m.name })) ?? [];
  const moduleId = modules.find((m) => m.id === one(asked.bm))?.id ?? modules[0]?.id;
  const result = moduleId ? await moduleBreakdown(db, user, moduleId, one(asked.by) ?? RESPONSIBLE) : null;
  const breakdown = result ? { result, choices: result.choices, modules } : null;
  return <TeamDashboardView board={board} breakdown={breakdown} names={names} errors={errors} asked={input} />;
}

async function ChangesCard({ day, names }: { day: MyDay; names: Map<string, string> }) {
  const t = await getTranslations("dashboard.changes");
  const format = await getFormatter();
  return (
    <Card data-testid="my-day-changes">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description", { since: format.dateTime(day.changesSince, { dateStyle: "medium", timeStyle: "short" }) })}</CardDescription>
      </CardHeader>
      <CardContent className="pt-3">
        {day.changes.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-border" aria-label={t("list")}>
            {day.changes.map((change) => (
              <li key={change.id} className="space-y-1 py-2">
                <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <Link
                    href={`/datasheets/${change.datasheetId}`}
                    className="inline-flex min-h-6 items-center text-sm font-medium underline-offset-2 hover:underline"
                  >
                    {change.businessName}
                  </Link>
                  <time dateTime={change.at.toISOString()} className="text-xs text-muted-foreground">
                    {format.dateTime(change.at, { dateStyle: "medium", timeStyle: "short" })}
                  </time>
                </div>
                <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
                  {change.from ? (
                    <>
                      <ColorChip color={change.from.color}>{change.from.name}</ColorChip>
                      <ArrowRight aria-label="→" className="size-3.5" />
                    </>
                  ) : (
                    <span>{t("arrived")}</span>
                  )}
                  <ColorChip color={change.to.color}>{change.to.name}</ColorChip>
                  <span>· {change.moduleName}</span>
                  <span>· {change.byUserId ? t("by", { name: names.get(change.byUserId) ?? "?" }) : t("bySystem")}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

async function EmailsCard({ day }: { day: MyDay }) {
  const t = await getTranslations("dashboard.emails");
  const format = await getFormatter();
  return (
    <Card data-testid="my-day-emails">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="pt-3">
        {day.emails.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-border">
            {day.emails.map((email) => (
              <li key={email.id} className="flex items-start gap-2.5 py-2">
                <Mail aria-hidden="true" className="mt-1 size-4 shrink-0 text-muted-foreground" />
                <div className="min-w-0 flex-1">
                  <Link
                    href={`/mailbox/${email.id}`}
                    aria-label={t("open", { subject: email.subject })}
                    className="inline-flex min-h-6 items-center text-sm font-medium break-words underline-offset-2 hover:underline"
                  >
                    {email.subject}
                  </Link>
                  <p className="flex flex-wrap gap-x-2 text-xs text-muted-foreground">
                    <time dateTime={email.createdAt.toISOString()}>{format.dateTime(email.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                    {email.datasheetId && email.businessName ? (
                      <Link href={`/datasheets/${email.datasheetId}`} className="underline-offset-2 hover:underline">
                        {email.businessName}
                      </Link>
                    ) : null}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
